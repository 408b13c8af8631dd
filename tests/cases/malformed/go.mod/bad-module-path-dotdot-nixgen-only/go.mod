module a/../b
