package shadowvar

// The scope of a local variable begins at the end of its VarSpec: the type in
// the spec itself still means the predeclared any.
func variable() {
	var any, x interface{} = 1, 2 // want "can be any"
	var y interface{} = any
	_, _ = x, y
}

func group() {
	var (
		a   = interface{}(1) // want "can be any"
		any = 2
		b   = interface{}(any)
	)
	_, _ = a, b
}

func nested() interface{} { // want "can be any"
	if true {
		var any = "inner"
		var x interface{} = any
		_ = x
	}
	var y interface{} = 1 // want "can be any"
	return y
}
