module m
go
