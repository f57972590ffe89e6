package literal

import (
	"reflect"
	"unsafe"
)

// Keyed: the literal's Data is not a pointer to the garbage collector; unsafe.Slice's is.
func Keyed(p *uint32, n int) []uint32 {
	return *(*[]uint32)(unsafe.Pointer(&reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p)), Len: n, Cap: n})) // want "build the slice with unsafe.Slice"
}

// Capped: Cap is not Len; the fields come in another order.
func Capped(p *byte, n, c int) []byte {
	return *(*[]byte)(unsafe.Pointer(&reflect.SliceHeader{Len: n, Cap: c, Data: uintptr(unsafe.Pointer(p))})) // want "build the slice with unsafe.Slice"
}

// Str: a string from a StringHeader literal.
func Str(p *byte, n int) string {
	return *(*string)(unsafe.Pointer(&reflect.StringHeader{Data: uintptr(unsafe.Pointer(p)), Len: n})) // want "build the string with unsafe.String"
}
