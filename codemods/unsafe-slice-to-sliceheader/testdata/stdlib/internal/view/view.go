package view

import "unsafe"

// In the standard library (module std), reflect may depend on this package: importing it
// could make an import cycle, so no fix (found by the corpus test on runtime and maps).
func View(p *byte, n int) []byte {
	s := unsafe.Slice(p, n) // want "not here: this is the standard library"
	return s
}
