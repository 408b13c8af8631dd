module a b
