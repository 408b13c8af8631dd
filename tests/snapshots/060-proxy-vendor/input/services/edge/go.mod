module example.com/m/edge

go 1.22

require example.com/m/libs/x v0.0.0

replace example.com/m/libs/x => ../../libs/x
