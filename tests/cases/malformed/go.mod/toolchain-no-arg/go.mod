module m
toolchain
