module example.com/shop/orders

go 1.23

require example.org/lib v1.0.0
