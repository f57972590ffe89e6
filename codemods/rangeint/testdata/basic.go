package basic

const N = 4

const M = N * 2

func Literal() (sum int) {
	for i := 0; i < 10; i++ { // want `^for loop can be modernized using range over int: for i := range 10$`
		sum += i
	}
	return sum
}

func Unused(f func()) {
	for i := 0; i < 3; i++ { // want `^for loop can be modernized using range over int: for range 3$`
		f()
	}
}

func Param(n int) (out []int) {
	for i := 0; i < n; i++ { // want `for i := range n$`
		out = append(out, i*i)
	}
	return out
}

func Len(s []string) (out []string) {
	for i := 0; i < len(s); i++ { // want `for i := range len\(s\)$`
		out = append(out, s[i]+"!")
	}
	for i := 0; i < len(s)-1; i++ { // want `for i := range len\(s\)-1$`
		s[i] = s[i+1]
	}
	return out
}

func Consts() (sum int) {
	for i := 0; i < N; i++ { // want `for i := range N$`
		sum += i
	}
	for i := 0; i < M+1; i++ { // want `for i := range M\+1$`
		sum -= i
	}
	return sum
}

func Local(xs []int) (sum int) {
	n := len(xs) / 2
	for i := 0; i < n; i++ { // want `for i := range n$`
		sum += xs[i]
	}
	return sum
}

func Conversion(count uint8, xs []int) (sum int) {
	for i := 0; i < int(count); i++ { // want `for i := range int\(count\)$`
		sum += xs[i]
	}
	return sum
}

func Nested(grid [][]int) (sum int) {
	for i := 0; i < len(grid); i++ { // want `for i := range len\(grid\)$`
		row := grid[i]
		for j := 0; j < len(row); j++ { // want `for j := range len\(row\)$`
			sum += row[j]
		}
	}
	return sum
}

func grow(xs []int) []int { return append(xs, 0) }

// A slice, from the result type of grow: handing it to a function cannot change its length.
func SliceFromCall(ys []int) {
	zs := grow(ys)
	for i := 0; i < len(zs); i++ { // want `for range len\(zs\)$`
		grow(zs)
	}
}

func Closures(n int) (fns []func() int) {
	for i := 0; i < n; i++ { // want `for i := range n$`
		fns = append(fns, func() int { return i })
	}
	return fns
}

// tree-sitter reads fns[i](0) as a conversion to the generic type fns[i]: i is still used.
func CallEach(fns []func(int)) {
	for i := 0; i < len(fns); i++ { // want `for i := range len\(fns\)$`
		fns[i](0)
	}
}
