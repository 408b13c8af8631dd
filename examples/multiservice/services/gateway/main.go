// Command gateway is the public entry point in front of the services.
package main

import (
	"net/http"
	"net/http/httputil"
	"net/url"

	"acme.dev/shop/platform/httpx"
	"acme.dev/shop/platform/log"
)

func main() {
	logger := log.New("gateway")
	orders, _ := url.Parse("http://localhost:8080")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", httpx.Health)
	mux.Handle("/orders", httputil.NewSingleHostReverseProxy(orders))
	logger.Info("listening", "addr", ":8000")
	_ = http.ListenAndServe(":8000", mux)
}
