module m
ignore a b
