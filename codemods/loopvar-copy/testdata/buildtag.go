//go:build go1.21

// Package buildtag is compiled at Go 1.21 in a go 1.22 module (go/types gives a file with a
// go1.N constraint max(N, 1.21)): its loop variables are shared by all iterations, and the
// copy is still needed.
package buildtag

func F(xs []int) (fns []func() int) {
	for _, x := range xs {
		x := x
		fns = append(fns, func() int { return x })
	}
	return fns
}
