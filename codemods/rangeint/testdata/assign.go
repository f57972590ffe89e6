package assign

import "fmt"

func Assign(xs []int) (sum int) {
	var i int
	for i = 0; i < len(xs); i++ { // want `for i = range len\(xs\)$`
		sum += xs[i]
	}
	return sum
}

// i after the loop: 3 there, 2 after a range.
func UsedAfter() int {
	var i int
	for i = 0; i < 3; i++ {
		fmt.Println(i)
	}
	return i
}

// A closure made before the loop may read i later.
func Closure() func() int {
	var i int
	get := func() int { return i }
	for i = 0; i < 3; i++ {
		fmt.Println(i)
	}
	return get
}

// Read before the loop, but in an enclosing loop: the next round reads the value left.
func Enclosing() {
	var i int
	for round := 0; round < 2; round++ { // want `for round := range 2$`
		fmt.Println(round, i)
		for i = 0; i < 3; i++ {
			fmt.Println(i)
		}
	}
}

// Not read in the body: after the change nothing would read i ("declared and not used").
func NotRead(f func()) {
	var i int
	for i = 0; i < 3; i++ {
		f()
	}
}

// A float counter: range over an integer needs an integer variable.
func Float() {
	var f float64
	for f = 0; f < 3; f++ {
		fmt.Println(f)
	}
}

// A parameter, of type int64.
func Param(i int64, n int64) {
	for i = 0; i < n; i++ { // want `for i = range n$`
		fmt.Println(i)
	}
}
