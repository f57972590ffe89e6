package shadowconst

func before() interface{} { return nil } // want "can be any"

// The scope of a local constant begins at the end of its ConstSpec and ends
// with the innermost block.
func constant() int {
	var a interface{} = 1 // want "can be any"
	const any = 2
	// any is the constant from here on, also in nested blocks.
	var b interface{} = any
	{
		var c interface{} = any
		_ = c
	}
	_, _ = a, b
	return any
}

func group() {
	const (
		one = 1
		any = 2
	)
	var x interface{} = one + any
	_ = x
}

func nested() {
	{
		const any = "inner"
		var x interface{} = any
		_ = x
	}
	// The block has ended: any is predeclared again.
	var y interface{} = 1 // want "can be any"
	_ = y
}

func after() interface{} { return nil } // want "can be any"
