package shadowtype

// The scope of a local type begins at its identifier, so its own definition
// is already inside it.
func localType() {
	var before interface{} = 1 // want "can be any"
	type any interface{}
	var inside interface{} = before
	var typed any = inside
	_ = typed
}

func localAlias() {
	type any = interface{}
	var x any = 1
	var y interface{} = x
	_ = y
}

var after interface{} // want "can be any"
