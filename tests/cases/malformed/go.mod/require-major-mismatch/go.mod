module m
require example.com/x/v2 v1.0.0
