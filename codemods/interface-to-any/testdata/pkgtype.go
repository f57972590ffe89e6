package pkgtype

// A package-level declaration named any shadows the predeclared any in the
// whole package: nothing is rewritten.
type any = interface{}

func f(v interface{}) any { return v }

var _ = f(nil)
