module m
require x latest
