module m
foo
