package shadowselect

// A variable declared in a select case is scoped to that case.
func selectCase(ch chan interface{}, done chan bool) interface{} { // want "can be any" "can be any"
	var out interface{} // want "can be any"
	select {
	case any := <-ch:
		var x interface{} = any
		out = x
	case any, ok := <-ch:
		var x interface{} = any
		out = ok && x != nil
	case <-done:
		var y interface{} = 0 // want "can be any"
		out = y
	}
	var after interface{} = out // want "can be any"
	return after
}
