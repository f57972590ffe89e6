package pattern6

import (
	"fmt"
	"reflect"
	"runtime"
	"unsafe"
)

// Define: `var s []T` right before the header becomes `s :=`.
func Define(p *uint32, n int) []uint32 {
	var s []uint32
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	sh.Cap = n
	fmt.Println(len(s))
	return s
}

// Return: the variable only carries the result.
func Return(p *byte, n int) []byte {
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	sh.Cap = n
	return s
}

// BytesOld: the variable is declared elsewhere: an assignment; the element types differ.
func BytesOld(u []uint32) []byte {
	var b []byte
	if len(u) == 0 {
		return b
	}
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want "build the slice with unsafe.Slice"
	hdr.Data = uintptr(unsafe.Pointer(&u[0]))
	hdr.Len = len(u) * 4
	hdr.Cap = len(u) * 4
	runtime.KeepAlive(u)
	return b
}

// Capacity: Cap differs from Len.
func Capacity(p *int, n, c int) []int {
	var s []int
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	sh.Cap = c
	return s
}

// CapFromLen: Cap copies the header's Len; the fields come in another order.
func CapFromLen(p *int16, n int) []int16 {
	var s []int16
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Len = n
	sh.Cap = sh.Len
	sh.Data = uintptr(unsafe.Pointer(p))
	return s
}

// Pointer: Data from an unsafe.Pointer.
func Pointer(ptr unsafe.Pointer, n int) []float32 {
	var s []float32
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(ptr)
	sh.Len = n
	sh.Cap = n
	return s
}

// Offset: Data with arithmetic becomes a pointer again in the same expression (rule 3).
func Offset(b []byte) []byte {
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(&b[0])) + 2
	sh.Len = len(b) - 2
	sh.Cap = len(b) - 2
	return s
}

// Sized: Len of another integer type, converted for the header.
func Sized(p *byte, n uint32) []byte {
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = int(n)
	sh.Cap = int(n)
	return s
}

type ring struct {
	buf []uint64
}

// Field: the header of a struct field.
func (r *ring) Field(p *uint64, n int) {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&r.buf)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	sh.Cap = n
}

// Inline: a local bound only for Len and Cap goes back into the call.
func Inline(u []uint32) []byte {
	n := len(u) * 4
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(unsafe.SliceData(u)))
	sh.Len = n
	sh.Cap = n
	return s
}

type view struct {
	buf []byte
	n   int
}

// Fields: the header of one field, its length from another field.
func (v *view) Fields(p *byte) {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&v.buf)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = v.n
	sh.Cap = v.n
}
