package pkg

// Max returns the largest of xs, and false when there is none.
func Max[T ordered](xs ...T) (T, bool) { // want "constraint ordered can be inlined as ~int \\| ~float64 \\| ~string"
	var best T
	if len(xs) == 0 {
		return best, false
	}
	best = xs[0]
	for _, x := range xs[1:] {
		if x > best {
			best = x
		}
	}
	return best, true
}
