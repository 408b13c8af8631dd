module m
replace x@v1.0.0 => ../x
