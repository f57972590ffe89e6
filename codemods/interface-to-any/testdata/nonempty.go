package nonempty

import "fmt"

// Interfaces with methods, embedded interfaces or type sets are not interface{}.
type Named interface{ Name() string }

type Number interface {
	~int | ~int64 | ~float64
}

type Both interface {
	fmt.Stringer
	comparable
}

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Equal[T Both](a, b T) bool { return a == b }

func Show(v interface{ String() string }) string { return v.String() }

var _ = Sum([]int{1, 2})
var _ Named
