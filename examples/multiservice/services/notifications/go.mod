// The notifications service: standard library only.
module acme.dev/shop/notifications

go 1.21
