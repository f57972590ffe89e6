package shadowrange

// Range variables are scoped to the for statement; the range expression is
// evaluated before they exist.
func rangeVars() {
	for any := range []interface{}{1, 2} { // want "can be any"
		var x interface{} = any
		_ = x
	}
	for _, any := range map[string]interface{}{"k": 1} { // want "can be any"
		var x interface{} = any
		_ = x
	}
	var z interface{} = 0 // want "can be any"
	_ = z
}
