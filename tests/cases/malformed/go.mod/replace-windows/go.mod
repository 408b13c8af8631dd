module m
replace x => ..\y
