module m
replace (
	x => ../x
	y =>
)
