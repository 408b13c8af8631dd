module m
retract [
