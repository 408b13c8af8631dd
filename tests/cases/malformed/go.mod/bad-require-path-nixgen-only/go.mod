module m
require "a b" v1.0.0
