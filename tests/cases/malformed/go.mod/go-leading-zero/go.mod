module m
go 1.021
