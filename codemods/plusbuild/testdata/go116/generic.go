//go:build go1.18
// +build go1.18

// Package go116 is in a module Go 1.16 may build, and Go 1.16 reads only the +build line:
// without it, Go 1.16 would compile this generic code. The line stays.
package go116

func Max[T ~int](a, b T) T {
	if a > b {
		return a
	}
	return b
}
