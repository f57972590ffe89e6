package rangeloop

import "sync"

func Squares(nums []int) []int {
	out := make([]int, len(nums))
	var wg sync.WaitGroup
	for i, n := range nums {
		// Copies for the goroutine below: Go 1.21 shared i and n between iterations.
		i := i // want `^copying the loop variable i is unneeded: since Go 1.22 each iteration has its own$`
		n := n /* the value */ // want `copying the loop variable n is unneeded`
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = n * n
		}()
	}
	wg.Wait()
	return out
}

func Closures(names []string) []func() string {
	var fns []func() string
	for _, name := range names {
		name := name // want `copying the loop variable name is unneeded`

		fns = append(fns, func() string { return name })
	}
	return fns
}

func Modified(words []string) []*string {
	var ptrs []*string
	for _, w := range words {
		w := w // want `copying the loop variable w is unneeded`
		w += "!"
		ptrs = append(ptrs, &w)
	}
	return ptrs
}

func Empty(xs []int) {
	for _, x := range xs {
		x := x // want `copying the loop variable x is unneeded`
		_ = x
	}
}
