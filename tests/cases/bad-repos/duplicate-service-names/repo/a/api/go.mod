module example.com/a/api
