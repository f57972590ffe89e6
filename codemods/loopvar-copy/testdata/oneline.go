package oneline

func F(xs []int) (fns []func() int) {
	for _, x := range xs { x := x; fns = append(fns, func() int { return x }) } // want `copying the loop variable x is unneeded`
	return fns
}
