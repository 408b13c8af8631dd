module example.com/svc

go 1.99999999999999999999

require example.com/dep v1.0.0
