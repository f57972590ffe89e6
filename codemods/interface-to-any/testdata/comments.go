package comments

// A comment inside the braces would be lost by the rewrite: these stay as they are.
var block interface { /* anything goes */
}

var line interface {
	// anything goes
}

func keep(v interface { /* why: documented on purpose */
}) bool {
	return v != nil && block == line
}

var _ = keep(nil)
