// Package kit serves.
package kit

// Serve serves.
func Serve(version string) { _ = version }
