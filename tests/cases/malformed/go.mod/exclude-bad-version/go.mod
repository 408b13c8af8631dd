module m
exclude x v1.x
