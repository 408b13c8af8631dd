module m
foo (
	x
)
