package shadowshortvar

// The scope of a short variable declaration begins at its end.
func short() {
	x := interface{}(1)   // want "can be any"
	any := interface{}(x) // want "can be any"
	y := interface{}(any)
	_ = y
}

// if, for and switch statements are implicit blocks: a variable declared in
// the header is in scope until the end of the statement, else branch included.
func ifHeader(v interface{}) { // want "can be any"
	if any := v; any != nil {
		var x interface{} = any
		_ = x
	} else {
		var y interface{} = any
		_ = y
	}
	var z interface{} = v // want "can be any"
	_ = z
}

func forHeader() {
	for any := 0; any < 2; any++ {
		var x interface{} = any
		_ = x
	}
	var z interface{} = 0 // want "can be any"
	_ = z
}

func switchHeader(n int) {
	switch any := n; any {
	case 1:
		var x interface{} = any
		_ = x
	}
	var z interface{} = n // want "can be any"
	_ = z
}

// Each case clause is an implicit block of its own.
func caseClause(n int) {
	switch n {
	case 1:
		var a interface{} = n // want "can be any"
		any := n
		var b interface{} = any
		_, _ = a, b
	case 2:
		var c interface{} = n // want "can be any"
		_ = c
	default:
		any := interface{}(n) // want "can be any"
		_ = any
	}
}
