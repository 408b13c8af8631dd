module a/
