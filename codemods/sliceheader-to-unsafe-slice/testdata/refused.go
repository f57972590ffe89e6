package refused

import (
	"reflect"
	"unsafe"
)

// Param takes a header pointer.
func Param(h *reflect.SliceHeader) int { // want "not rewritten: reflect.SliceHeader is used as a type"
	return h.Len
}

// UsedAfter reads the header after filling it in.
func UsedAfter(p *byte, n int) ([]byte, int) {
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "not rewritten: the header pointer sh is used after it is filled in"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	sh.Cap = n
	return s, sh.Len
}

// NoCap does not set Cap.
func NoCap(p *byte, n int) []byte {
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "not rewritten: it does not set Data, Len, Cap once each"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	return s
}

// Shrink computes Cap from the slice it is changing.
func Shrink(s []byte) []byte {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "not rewritten: Len is computed from s while it changes"
	sh.Data = uintptr(unsafe.Pointer(&s[1]))
	sh.Len = len(s) / 2
	sh.Cap = len(s) / 2
	return s
}

// FromUintptr: Data is a plain uintptr.
func FromUintptr(addr uintptr, n int) []byte {
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "not rewritten: cannot turn Data = addr back into a pointer"
	sh.Data = addr
	sh.Len = n
	sh.Cap = n
	return s
}

type opaque struct{ buf any }

// Unknown: the header points at a value that is not known to be a slice.
func Unknown(o *opaque, p *byte) {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&o.buf)) // want "not rewritten: cannot tell that o.buf is a slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = 1
	sh.Cap = 1
}

// Escapes: the header pointer is returned.
func Escapes(s *[]byte) *reflect.SliceHeader { // want "not rewritten: reflect.SliceHeader is used as a type"
	return (*reflect.SliceHeader)(unsafe.Pointer(s)) // want "not rewritten: it does not point at a slice variable"
}
