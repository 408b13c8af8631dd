// The inventory worker: reconciles stock levels in the background.
module acme.dev/shop/inventory

go 1.22

require go.acme.dev/retry v0.3.1
