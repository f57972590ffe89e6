package unkeyed

import (
	"reflect"
	"unsafe"
)

// Unkeyed fields are Data, Len, Cap in order (go vet's composites check flags them).
func Unkeyed(p *int, n int) []int {
	return *(*[]int)(unsafe.Pointer(&reflect.SliceHeader{uintptr(unsafe.Pointer(p)), n, n})) // want "build the slice with unsafe.Slice"
}
