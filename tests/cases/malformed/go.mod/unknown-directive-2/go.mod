module m
requires x v1.0.0
