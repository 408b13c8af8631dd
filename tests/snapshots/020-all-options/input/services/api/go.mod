module example.com/shop/api

go 1.23.2

require example.org/lib v1.0.0
require example.com/shop/libs/core v0.0.0

replace example.com/shop/libs/core => ../../libs/core
