module m
foo
bar
