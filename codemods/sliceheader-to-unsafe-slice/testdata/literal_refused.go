package refusedlit

import (
	"reflect"
	"unsafe"
)

// go vet flags each of these ("possible misuse of reflect.SliceHeader"): a header value's
// Data does not keep its array alive. They are reported, not rewritten.

// Value declares a header value: its Data does not keep the array alive.
func Value(p *byte, n int) []byte {
	var h reflect.SliceHeader // want "not rewritten: it declares a reflect.SliceHeader value"
	h.Data = uintptr(unsafe.Pointer(p))
	h.Len = n
	h.Cap = n
	return *(*[]byte)(unsafe.Pointer(&h))
}

// Lost: Data is a uintptr variable: no pointer to recover.
func Lost(addr uintptr, n int) []byte {
	return *(*[]byte)(unsafe.Pointer(&reflect.SliceHeader{Data: addr, Len: n, Cap: n})) // want "not rewritten: cannot turn Data = addr back into a pointer"
}

type Bytes []byte

// Named: the result's type would change from Bytes to []byte.
func Named(p *byte, n int) Bytes {
	return *(*Bytes)(unsafe.Pointer(&reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p)), Len: n, Cap: n})) // want "not rewritten: it is not converted to a slice type"
}
