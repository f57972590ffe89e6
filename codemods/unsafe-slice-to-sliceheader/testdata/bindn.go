package bindn

import (
	"encoding/binary"
	"unsafe"
)

// Bytes: n = len(u)*4 is bound to a fresh local first (evaluated once; p has no side effects).
func Bytes(u []uint32) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(u))), len(u)*4) // want "can be written"
}

// Uint32s: the same with an assignment.
func Uint32s(b []byte) []uint32 {
	var u []uint32
	u = unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)/4) // want "can be written"
	return u
}

// Sized: n of type uint32 is converted, since the header's Len is an int.
func Sized(p *byte, n uint32) []byte {
	s := unsafe.Slice(p, n) // want "can be written"
	return s
}

// Unknown: the type of binary.Size(v) is not known from local syntax: int(...) is safe.
func Unknown(p *byte, v any) []byte {
	s := unsafe.Slice(p, binary.Size(v)) // want "can be written"
	return s
}

var calls int

func next() *byte {
	calls++
	b := make([]byte, 8)
	return &b[0]
}

func count() int {
	calls++
	return calls
}

// Effects: p and n both have side effects; binding n first would change their order.
func Effects() []byte {
	s := unsafe.Slice(next(), count()) // want "not here: both arguments have side effects"
	return s
}

// EffectsP: p has side effects, n is an identifier: order kept, nothing to bind.
func EffectsP(n int) []byte {
	s := unsafe.Slice(next(), n) // want "can be written"
	return s
}

// Shadow: the names sh, s and n are taken in this function, so fresh ones are used.
func Shadow(p *byte, sh, s, n int) []byte {
	return unsafe.Slice(p, sh+s+n) // want "can be written"
}

// Fresh: two rewrites in one function get two header names.
func Fresh(p *byte, q *uint16, sh int) ([]byte, []uint16) {
	a := unsafe.Slice(p, sh+1) // want "can be written"
	b := unsafe.Slice(q, sh+2) // want "can be written"
	return a, b
}
