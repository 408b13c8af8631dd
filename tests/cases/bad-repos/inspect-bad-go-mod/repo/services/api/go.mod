module example.com/api

require (
