module m
require x
