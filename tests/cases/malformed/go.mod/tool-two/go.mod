module m
tool a b
