// Package p is in a go 1.21 module: loop variables are shared by all iterations.
package p

func F(xs []int) (fns []func() int) {
	for _, x := range xs {
		x := x
		fns = append(fns, func() int { return x })
	}
	return fns
}
