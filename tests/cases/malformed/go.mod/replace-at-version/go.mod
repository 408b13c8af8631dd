module m
replace x => y@v1.0.0
