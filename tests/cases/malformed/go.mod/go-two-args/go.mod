module m
go 1.21 1.22
