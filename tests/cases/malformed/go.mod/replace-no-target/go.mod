module m
replace x =>
