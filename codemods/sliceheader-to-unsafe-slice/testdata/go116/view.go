package view

import (
	"reflect"
	"unsafe"
)

// The module is at go 1.16, which has no unsafe.Slice: the file is not touched.
func Slice(p *byte, n int) []byte {
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s))
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	sh.Cap = n
	return s
}
