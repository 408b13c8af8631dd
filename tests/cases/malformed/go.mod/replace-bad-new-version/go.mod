module m
replace x => y 1.0
