package main

import "example.com/core/log"

func main() { log.Info() }
