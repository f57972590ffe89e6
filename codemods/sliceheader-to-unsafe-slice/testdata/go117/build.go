//go:build go1.20

package view

import (
	"reflect"
	"unsafe"
)

// A //go:build go1.20 line raises this file's version: unsafe.String is allowed.
func String20(p *byte, n int) string {
	var s string
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want "build the string with unsafe.String"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	return s
}
