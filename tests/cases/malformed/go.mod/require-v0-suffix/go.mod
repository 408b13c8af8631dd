module m
require example.com/x/v0 v0.1.0
