package main

import "example.com/kit"

var version = "dev"

func main() { kit.Serve(version) }
