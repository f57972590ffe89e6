package strings

import (
	"reflect"
	"unsafe"
)

// String builds a string over p's bytes.
func String(p *byte, n int) string {
	var s string
	hdr := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want "build the string with unsafe.String"
	hdr.Data = uintptr(unsafe.Pointer(p))
	hdr.Len = n
	return s
}

// FromWords: the pointer is converted to *byte.
func FromWords(w []uint16) string {
	var s string
	hdr := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want "build the string with unsafe.String"
	hdr.Data = uintptr(unsafe.Pointer(&w[0]))
	hdr.Len = len(w) * 2
	return s
}

// Data reads the pointer of s as an unsafe.Pointer.
func Data(s string) unsafe.Pointer {
	return unsafe.Pointer((*reflect.StringHeader)(unsafe.Pointer(&s)).Data) // want "use unsafe.StringData and len"
}

// Info reads the header through a variable.
func Info(s string) (uintptr, int) {
	h := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want "use unsafe.StringData and len"
	return h.Data, h.Len
}

// Bytes views the bytes of s without copying.
func Bytes(s string) []byte {
	return *(*[]byte)(unsafe.Pointer(&reflect.SliceHeader{Data: (*reflect.StringHeader)(unsafe.Pointer(&s)).Data, Len: len(s), Cap: len(s)})) // want "build the slice with unsafe.Slice"
}
