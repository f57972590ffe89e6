package view

import (
	"reflect"
	"unsafe"
)

// Slice: unsafe.Slice is Go 1.17, as this module: rewritten.
func Slice(p *byte, n int) []byte {
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	sh.Cap = n
	return s
}

// String: unsafe.String is Go 1.20: reported, not rewritten.
func String(p *byte, n int) string {
	var s string
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want "not rewritten: it needs Go 1.20 and this file is at go 1.17"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	return s
}

// Data: unsafe.SliceData is Go 1.20; Len needs nothing new.
func Data(b []byte) (uintptr, int) {
	return (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data, (*reflect.SliceHeader)(unsafe.Pointer(&b)).Len // want "not rewritten: it needs Go 1.20" "use unsafe.SliceData, len and cap"
}
