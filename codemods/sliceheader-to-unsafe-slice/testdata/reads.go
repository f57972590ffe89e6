package reads

import (
	"reflect"
	"unsafe"
)

// Fields read straight from a converted header.
func Fields(s []int) (uintptr, int, int) {
	d := (*reflect.SliceHeader)(unsafe.Pointer(&s)).Data // want "use unsafe.SliceData, len and cap"
	l := (*reflect.SliceHeader)(unsafe.Pointer(&s)).Len  // want "use unsafe.SliceData, len and cap"
	c := (*reflect.SliceHeader)(unsafe.Pointer(&s)).Cap  // want "use unsafe.SliceData, len and cap"
	return d, l, c
}

// First reads the data pointer back as a pointer: no uintptr on the way.
func First(s []float64) *float64 {
	return (*float64)(unsafe.Pointer((*reflect.SliceHeader)(unsafe.Pointer(&s)).Data)) // want "use unsafe.SliceData, len and cap"
}

// Header: a header variable that is only read, in a loop too.
func Header(b []byte) uintptr {
	h := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want "use unsafe.SliceData, len and cap"
	sum := h.Data
	for i := 0; i < h.Len; i++ {
		b = append(b[:0], 1)
		sum += uintptr(h.Cap)
	}
	return sum
}
