module m
retract 1.0.0
