// The public gateway: routes requests to the services.
module acme.dev/shop/gateway

go 1.22

require acme.dev/shop/platform v0.0.0

replace acme.dev/shop/platform => ../../libs/platform
