module example.com/lib SECRET-use-link
