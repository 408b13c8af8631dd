package main

// Helpers only: no func main, so this is no program.
func helper() int { return 1 }
