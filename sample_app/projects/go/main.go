// Prints the article's two rebuilds side by side.
package main

import "fmt"

func main() {
	rebuilds := []struct {
		order   string
		seconds float64
	}{{"source first", 480}, {"manifests first", 2}}
	for _, r := range rebuilds {
		fmt.Printf("%-16s %6.0f s\n", r.order, r.seconds)
	}
}
