module m
toolchain golang1.21
