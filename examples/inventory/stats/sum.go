package stats

// Sum adds up xs; the sum of no numbers is 0.
func Sum[T number](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

// Mean is the arithmetic mean of xs, and 0 when xs is empty.
func Mean[T number](xs []T) float64 {
	if len(xs) == 0 {
		return 0
	}
	return float64(Sum(xs)) / float64(len(xs))
}
