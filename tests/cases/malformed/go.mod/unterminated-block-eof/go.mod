module m
require (
