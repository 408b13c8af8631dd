module example.com/SECRET-api-dir
