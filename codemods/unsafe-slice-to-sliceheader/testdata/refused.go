package refused

import (
	"fmt"
	"unsafe"
)

type header struct{ p unsafe.Pointer }

// NoType: the element type of h.p is not known from local syntax.
func NoType(h header, n int) {
	s := unsafe.Slice(h.get(), n) // want "not here: cannot infer the element type of h.get\\(\\)"
	fmt.Println(s)
}

func (h header) get() *byte { return (*byte)(h.p) }

// Positions where statements cannot be inserted, or where the result is not a variable.
func Positions(p *byte, n int, m map[int][]byte) int {
	fmt.Println(unsafe.Slice(p, n))          // want "not here: it is not the whole right-hand side"
	if s := unsafe.Slice(p, n); len(s) > 0 { // want "not here: the statement is not in a block"
		return len(s)
	}
	m[0] = unsafe.Slice(p, n)                      // want "not here: m\\[0\\] is not a variable"
	_ = unsafe.Slice(p, n)                         // want "not here: its result is discarded"
	a, b := unsafe.Slice(p, n), unsafe.Slice(p, n) // want "not here: it is not the whole" "not here: it is not the whole"
	return len(a) + len(b)
}

var global = unsafe.Slice(new(byte), 1) // want "not here: it initializes a package-level variable"

// NotSlice: the assigned variable is not known to be a slice.
func NotSlice(p *byte, n int) any {
	var v any
	v = unsafe.Slice(p, n) // want "not here: cannot tell that v is a slice"
	return v
}

// SelfRef: the new variable's name is used in its own arguments (it shadows an outer one).
func SelfRef(s []byte) int {
	{
		s := unsafe.Slice(&s[0], len(s)) // want "not here: its arguments refer to s"
		return len(s)
	}
}
