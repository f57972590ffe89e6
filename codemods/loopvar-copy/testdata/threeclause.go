package threeclause

func Counters(n int) []func() int {
	var fns []func() int
	for i := 0; i < n; i++ {
		i := i // want `copying the loop variable i is unneeded`
		fns = append(fns, func() int { return i })
	}
	return fns
}

// Two variables in the header, both copied.
func Two(n int) []func() int {
	var fns []func() int
	for i, j := 0, n; i < j; i, j = i+1, j-1 {
		i, j := i, j // want `copying the loop variables i, j is unneeded`
		fns = append(fns, func() int { return i * j })
	}
	return fns
}

// The body changes its copy: without it, the change would reach the next iteration.
func Skips(n int) (seen []int) {
	for i := 0; i < n; i++ {
		i := i
		if i%2 == 0 {
			i++
		}
		seen = append(seen, i)
	}
	return seen
}

// The copy's address escapes: writes through it would reach the loop.
func Pointers(n int) (ps []*int) {
	for i := 0; i < n; i++ {
		i := i
		ps = append(ps, &i)
	}
	return ps
}

// A closure that assigns the copy.
func Closure(n int) (fns []func()) {
	for i := 0; i < n; i++ {
		i := i
		fns = append(fns, func() { i = 0 })
	}
	return fns
}

// The if form: the if does not change the copy, nothing after it changes the variable.
func IfForm(n int) (fns []func() int) {
	for i := 0; i < n; i++ {
		if i := i; i%2 == 1 { // want `copying the loop variable i is unneeded`
			fns = append(fns, func() int { return i })
		}
	}
	return fns
}

// The if form, changing its copy: the change would reach the next iteration.
func IfChanges(n int) (out []int) {
	for i := 0; i < n; i++ {
		if i := i; i%2 == 1 {
			i *= 10
			out = append(out, i)
		}
	}
	return out
}
