module example.com/m/libs/x

go 1.22
