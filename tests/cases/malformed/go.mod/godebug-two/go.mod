module m
godebug a=1 b=2
