package negatives

// The loop assigns variables declared outside it: one variable for all iterations.
func Assigns(xs []int) (fns []func() int) {
	var i, x int
	for i, x = range xs {
		x := x
		fns = append(fns, func() int { return x })
	}
	_ = i
	return fns
}

func ThreeClauseAssigns(n int) (fns []func() int) {
	var i int
	for i = 0; i < n; i++ {
		i := i
		fns = append(fns, func() int { return i })
	}
	return fns
}

// Not a plain copy.
func NotCopies(xs []int) (out []int) {
	for i, x := range xs {
		x := (x)
		i := i + 1
		out = append(out, i*x)
	}
	return out
}

// A third name on the left is not a loop variable.
func Extra(m map[string]int) (out []string) {
	for k, v := range m {
		k, v, n := k, v, 1
		out = append(out, k+string(rune(v+n)))
	}
	return out
}

// Swapped: k := v, v := k.
func Swapped(m map[int]int) (out []int) {
	for k, v := range m {
		k, v := v, k
		out = append(out, k-v)
	}
	return out
}

// Not at the top of the body: a closure made before it sees the loop variable.
func NotFirst(xs []int) (out []int) {
	for _, x := range xs {
		show := func() int { return x }
		x := x
		x++
		out = append(out, show(), x)
	}
	return out
}

// A copy of the outer loop's variable inside the inner loop.
func Outer(rows [][]int) (fns []func() int) {
	for _, row := range rows {
		for range row {
			row := row
			fns = append(fns, func() int { return len(row) })
		}
	}
	return fns
}

// A plain for loop declares nothing.
func Plain(x int) (fns []func() int) {
	for x < 10 {
		x := x
		fns = append(fns, func() int { return x })
		break
	}
	return fns
}

// A copy outside any loop.
func NoLoop(x int) func() int {
	x2 := x
	x := x2
	return func() int { return x }
}
