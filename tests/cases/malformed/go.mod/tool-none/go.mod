module m
tool
