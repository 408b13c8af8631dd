// Command inventory-worker reconciles stock levels on a schedule.
package main

import (
	"fmt"
	"time"

	"go.acme.dev/retry"
)

func reconcile() error { return nil }

func main() {
	for range time.Tick(time.Minute) {
		if err := retry.Do(5, reconcile); err != nil {
			fmt.Println("reconcile failed:", err)
		}
	}
}
