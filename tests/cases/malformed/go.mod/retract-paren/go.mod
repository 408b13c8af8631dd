module m
retract ( v1.0.0
