//go:build go1.21

// Package buildtag is compiled at Go 1.21 (go/types: max(1.21, the //go:build version)):
// range over an integer would not compile here.
package buildtag

func F(n int) (sum int) {
	for i := 0; i < n; i++ {
		sum += i
	}
	return sum
}
