module example.com/w/api

go 1.22

require example.org/lib v1.0.0
require example.com/w/shared v0.0.0

replace example.com/w/shared => ../../shared
