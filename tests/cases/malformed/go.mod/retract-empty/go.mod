module m
retract
