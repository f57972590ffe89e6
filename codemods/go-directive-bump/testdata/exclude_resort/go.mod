module example.com/resort

// From Go 1.21 the go command sorts exclude blocks by version, not by text: it re-sorts
// this one when it raises the go line, and so does the codemod.
go 1.20 // want "^go 1\\.20 -> go 1\\.22$"

exclude (
	example.com/a v1.10.0 // ten
	// nine
	example.com/a v1.9.0
	example.com/b v1.0.0
)
