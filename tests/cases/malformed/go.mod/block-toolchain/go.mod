module m
toolchain (
	go1.21.0
)
