package shadow

// number is also the name of a type parameter of Convert, and the name of a local type in
// Count: left alone entirely (a syntax-only codemod does not tell those scopes apart).
type number interface{ ~int | ~float64 }

func Max[T number](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Convert[number any, T any](v number, f func(number) T) T { return f(v) }

type integer interface{ ~int | ~int64 }

func Double[T integer](v T) T { return 2 * v }

func Count() int {
	type integer int
	var n integer = 3
	return int(n)
}

// ordered mentions int; at Smallest, int is a type parameter: the use cannot be inlined,
// and the constraint is left alone entirely.
type ordered interface{ ~int | ~string }

func Smallest[int any, T ordered](xs []T, _ int) T {
	m := xs[0]
	for _, x := range xs {
		if x < m {
			m = x
		}
	}
	return m
}

func Largest[T ordered](xs []T) T {
	m := xs[0]
	for _, x := range xs {
		if x > m {
			m = x
		}
	}
	return m
}

// A generic type declared in a function body is not followed either.
type small interface{ ~int8 | ~int16 }

func Local() {
	type list[T small] []T
	_ = list[int8]{}
}
