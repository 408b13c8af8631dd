module m
godebug "a=b"
