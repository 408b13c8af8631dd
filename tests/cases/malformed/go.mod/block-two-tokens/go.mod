module m
require x (
	y v1.0.0
)
