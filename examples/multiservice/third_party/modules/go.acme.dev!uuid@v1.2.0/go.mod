module go.acme.dev/uuid

go 1.21
