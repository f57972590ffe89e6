package shadowtypeswitch

// The variable of a type switch is declared in each clause after its case
// list: the types listed in the case are outside its scope.
func typeSwitch(v interface{}) int { // want "can be any"
	switch any := v.(type) {
	case interface{ Len() int }:
		var x interface{} = any
		_ = x
	case int, interface{}: // want "can be any"
		var y interface{} = any
		_ = y
	default:
		var z interface{} = any
		_ = z
	}
	var after interface{} = v // want "can be any"
	_ = after
	return 0
}
