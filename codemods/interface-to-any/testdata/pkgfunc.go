package pkgfunc

func any() int { return 1 }

func f(v interface{}) interface{} { return v }

var _ = f(any())
