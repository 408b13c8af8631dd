module m
require "x\q" v1.0.0
