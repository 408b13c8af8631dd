module m
replace x v1.0.0 => y v1.0.0 z
