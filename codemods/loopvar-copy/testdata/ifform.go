package ifform

func Positive(xs []int) []func() int {
	var fns []func() int
	for _, x := range xs {
		if x := x; x > 0 { // want `copying the loop variable x is unneeded`
			fns = append(fns, func() int { return x })
		}
	}
	return fns
}

// The if changes its copy, and the loop variable is read after the if: they differ.
func UsedAfter(xs []int) (sum int) {
	for _, x := range xs {
		if x := x; x < 0 {
			x = -x
			sum += x
		}
		sum += x
	}
	return sum
}

// The if changes its copy, but nothing after the if mentions x: no one can tell.
func NotUsedAfter(xs []int) (sum int) {
	for _, x := range xs {
		if x := x; x < 0 { // want `copying the loop variable x is unneeded`
			x = -x
			sum += x
		}
		sum++
	}
	return sum
}

// Read after the if: kept, even though nothing changes x here.
func ReadAfter(xs []int) (sum int) {
	for _, x := range xs {
		if x := x; x > 10 {
			sum += x
		}
		sum += x
	}
	return sum
}

// After copies at the top, as long as the if is the next statement.
func AfterCopies(m map[string]int) []func() string {
	var fns []func() string
	for k, v := range m {
		k := k             // want `copying the loop variable k is unneeded`
		if v := v; v > 0 { // want `copying the loop variable v is unneeded`
			fns = append(fns, func() string { return k + string(rune(v)) })
		}
	}
	return fns
}
