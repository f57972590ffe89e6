//go:build go1.22

// Package p is in a go 1.21 module, but its //go:build line gives it Go 1.22.
package p

func F(xs []int) (fns []func() int) {
	for _, x := range xs {
		x := x // want `copying the loop variable x is unneeded`
		fns = append(fns, func() int { return x })
	}
	return fns
}
