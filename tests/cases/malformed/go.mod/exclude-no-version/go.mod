module m
exclude x
