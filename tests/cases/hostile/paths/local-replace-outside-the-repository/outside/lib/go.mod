module example.com/lib SECRET-replace
