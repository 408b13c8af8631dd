module m
toolchain 1.21.0
