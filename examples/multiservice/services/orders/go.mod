// The orders HTTP API.
module acme.dev/shop/orders

go 1.23.0

require (
	acme.dev/shop/platform v0.0.0
	go.acme.dev/retry v0.3.1
	go.acme.dev/uuid v1.2.0
)

replace acme.dev/shop/platform => ../../libs/platform
