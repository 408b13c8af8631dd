module a
module b
