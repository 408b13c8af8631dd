module m
