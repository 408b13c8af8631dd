module m
require example.com/x/v1 v1.0.0
