//go:build go1.18

// This file's //go:build go1.18 line raises its Go version above the
// module's go 1.16, so generics are allowed here, and interface-to-any
// does rewrite the interface{} below to any (which then compiles too).

package legacy

// Coalesce returns the first element of xs that is not the zero value.
func Coalesce[T comparable](xs ...T) T {
	var zero T
	for _, x := range xs {
		if x != zero {
			return x
		}
	}
	return zero
}

// Values returns the values of m in the order of keys.
func Values[V interface{}](m map[string]V, keys []string) []V {
	out := make([]V, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

// Boxed converts a typed slice to []interface{} for the pre-generics helpers.
func Boxed[T interface{}](xs []T) []interface{} {
	out := make([]interface{}, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
