module example.com/shop/libs/core

go 1.22
