module go.acme.dev/retry

go 1.21
