package shadowparam

// The scope of a parameter is the function body: its own type is outside.
func param(any interface{}) interface{} { // want "can be any" "can be any"
	var x interface{} = any
	return x
}

func variadic(any ...interface{}) int { // want "can be any"
	var x interface{} = any
	_ = x
	return len(any)
}

func literal() interface{} { // want "can be any"
	f := func(any int) interface{} { // want "can be any"
		var x interface{} = any
		return x
	}
	var y interface{} = f(1) // want "can be any"
	return y
}

// Parameter names of function types and interface methods declare nothing
// outside the signature.
type handler func(any int) interface{} // want "can be any"

type getter interface {
	Get(any int) interface{} // want "can be any"
}

var h handler = func(n int) interface{} { return n } // want "can be any"

var _ getter
