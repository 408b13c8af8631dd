module m
require example.com/x v2.0.0
