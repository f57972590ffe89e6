package headervars

import (
	"fmt"
	"reflect"
	"unsafe"
)

// Reinterpret copies one header into another: the source header's reads are rewritten
// first, then the construction (in the next round).
func Reinterpret(x []float64) []uint64 {
	var result []uint64
	xHeader := (*reflect.SliceHeader)(unsafe.Pointer(&x))           // want "use unsafe.SliceData, len and cap"
	resultHeader := (*reflect.SliceHeader)(unsafe.Pointer(&result)) // want "build the slice with unsafe.Slice"
	resultHeader.Data = xHeader.Data
	resultHeader.Len = xHeader.Len
	resultHeader.Cap = xHeader.Cap
	return result
}

// Generic: a type parameter whose constraint is ~[]F is a slice.
func Generic[F ~float32 | ~float64, S ~[]F, U ~uint32 | ~uint64](x S) []U {
	var result []U
	xHeader := (*reflect.SliceHeader)(unsafe.Pointer(&x))           // want "use unsafe.SliceData, len and cap"
	resultHeader := (*reflect.SliceHeader)(unsafe.Pointer(&result)) // want "build the slice with unsafe.Slice"
	resultHeader.Data = xHeader.Data
	resultHeader.Len = xHeader.Len
	resultHeader.Cap = xHeader.Cap
	return result
}

// Var declares the header pointer with var.
func Var(p *byte, n int) string {
	var s string
	var hdr = (*reflect.StringHeader)(unsafe.Pointer(&s)) // want "build the string with unsafe.String"
	hdr.Data = uintptr(unsafe.Pointer(p))
	hdr.Len = n
	return s
}

// Shadowed: len is a parameter here, so h.Len cannot become len(b).
func Shadowed(b []byte, len int) int {
	h := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want "not rewritten: len is declared here, not the builtin"
	return h.Len + len
}

// Counted: a local bound before the header is used elsewhere too: it stays.
func Counted(p *int, m int) []int {
	n := m * 2
	var s []int
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	sh.Cap = n
	fmt.Println(n)
	return s
}
