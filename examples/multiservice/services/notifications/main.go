// Command notifications sends e-mail notifications for order events.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type event struct {
	Order string `json:"order"`
	Kind  string `json:"kind"`
}

func main() {
	dec := json.NewDecoder(os.Stdin)
	for {
		var e event
		if err := dec.Decode(&e); err != nil {
			return
		}
		fmt.Printf("notify: order %s %s\n", e.Order, e.Kind)
	}
}
