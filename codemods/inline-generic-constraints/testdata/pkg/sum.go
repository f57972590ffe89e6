package pkg

// Sum adds xs up.
func Sum[T number](xs ...T) T { // want "constraint number can be inlined as ~int \\| ~int64 \\| ~float64"
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

// Mean is the arithmetic mean of xs, 0 when there is none.
func Mean[T number](xs ...T) float64 { // want "constraint number can be inlined"
	if len(xs) == 0 {
		return 0
	}
	return float64(Sum(xs...)) / float64(len(xs))
}
