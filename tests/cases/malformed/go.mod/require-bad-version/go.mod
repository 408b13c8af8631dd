module m
require x 1.0.0
