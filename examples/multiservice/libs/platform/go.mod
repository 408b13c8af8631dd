module acme.dev/shop/platform

go 1.22
