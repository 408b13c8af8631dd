module example.com/shop/notify

go 1.22
