module example.com/shop

go 1.22

require example.org/lib v1.0.0
