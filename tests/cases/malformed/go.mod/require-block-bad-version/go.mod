module m
require (
	x v1.0.0
	y v1
	z 2
)
