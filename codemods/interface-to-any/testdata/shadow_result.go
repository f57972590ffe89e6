package shadowresult

// The scope of a named result is the function body.
func result() (any interface{}) { // want "can be any"
	var x interface{} = 1
	any = x
	return
}

func results() (n int, any error) {
	var x interface{} = n
	_ = x
	return
}

func after() interface{} { return result() } // want "can be any"
