// Package retry retries an operation a bounded number of times.
package retry

import "fmt"

// Do calls f up to attempts times and returns the last error.
func Do(attempts int, f func() error) error {
	var err error
	for i := 0; i < attempts; i++ {
		if err = f(); err == nil {
			return nil
		}
	}
	return fmt.Errorf("after %d attempts: %w", attempts, err)
}
