package pkgimport

// b.go imports strings as any: interface{} cannot become any here either.
func Wrap(v interface{}) []interface{} { return []interface{}{v} }
