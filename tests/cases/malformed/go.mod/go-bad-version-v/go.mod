module m
go v1.21
