package taken

import "unsafe"

type mirror struct{ on bool }

// A variable named reflect: importing the package would not compile here, so no fix.
func View(p *byte, n int) []byte {
	reflect := mirror{}
	_ = reflect.on
	s := unsafe.Slice(p, n) // want "not here: the name reflect is already used"
	return s
}
