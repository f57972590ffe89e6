//go:build !go1.18
// +build !go1.18

// The fallback for Go before 1.18, which has no generics: there,
// Coalesce works on strings only. Once the module's go line is 1.18 or newer,
// no Go that may build the module compiles this file: obsolete-go-build
// reports it as dead (deleting it is for a person to decide).
package legacy

// Coalesce returns the first non-empty string of xs.
func Coalesce(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
