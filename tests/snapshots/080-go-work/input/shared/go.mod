module example.com/w/shared

go 1.22
