//go:build go1.18
// +build go1.18

// Generics need Go 1.18. While the module's go line is older, the
// //go:build go1.18 line at the top of this file is what allows them here
// (it raises the file's Go version), and interface-to-any does rewrite the
// interface{} below to any. Once the go line is 1.18 or newer, the line is
// always true and obsolete-go-build drops it.

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
