package inventory

// Keys returns the keys of m in unspecified order.
func Keys[K comparable, V interface{}](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// Filter returns the elements of xs for which keep reports true.
func Filter[T interface{}](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
