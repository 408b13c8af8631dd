// Command orders serves the orders HTTP API.
package main

import (
	"net/http"
	"os"

	"acme.dev/shop/platform/httpx"
	"acme.dev/shop/platform/log"
	"go.acme.dev/retry"
	"go.acme.dev/uuid"
)

var version = "dev"

func main() {
	logger := log.New("orders")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", httpx.Health)
	mux.HandleFunc("POST /orders", func(w http.ResponseWriter, r *http.Request) {
		id := uuid.New()
		err := retry.Do(3, func() error { return nil })
		if err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
			return
		}
		httpx.JSON(w, http.StatusCreated, map[string]string{"id": id})
	})
	addr := ":8080"
	if a := os.Getenv("ORDERS_ADDR"); a != "" {
		addr = a
	}
	logger.Info("listening", "addr", addr, "version", version)
	if err := http.ListenAndServe(addr, mux); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
