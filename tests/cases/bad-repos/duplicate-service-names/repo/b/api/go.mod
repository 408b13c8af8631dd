module example.com/b/api
