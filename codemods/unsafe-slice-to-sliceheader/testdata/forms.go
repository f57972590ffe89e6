package forms

import (
	"reflect"
	"unsafe"
)

var _ = reflect.TypeOf(0)

// Define: the element type comes from the conversion (*uint32)(...).
func Define(p unsafe.Pointer, n int) []uint32 {
	s := unsafe.Slice((*uint32)(p), n) // want "can be written with reflect.SliceHeader"
	return s
}

// Assign: s is a declared slice; no element type is needed.
func Assign(p *byte, n int) []byte {
	var s []byte
	if n > 0 {
		s = unsafe.Slice(p, n) // want "can be written with reflect.SliceHeader"
	}
	return s
}

// Var: a parameter of declared type *T.
func Var(p *int64, n int) []int64 {
	var s = unsafe.Slice(p, n) // want "can be written with reflect.SliceHeader"
	return s
}

// VarTyped: the declared type is kept as it is.
func VarTyped(p *float64, n int) []float64 {
	var s []float64 = unsafe.Slice(p, n) // want "can be written with reflect.SliceHeader"
	return s
}

// Return: through a fresh local, typed by the result.
func Return(p *byte, n int) []byte {
	return unsafe.Slice(p, n) // want "can be written with reflect.SliceHeader"
}

// Array: &a[0] of a declared array.
func Array() []uint16 {
	var a [8]uint16
	v := unsafe.Slice(&a[0], 8) // want "can be written with reflect.SliceHeader"
	return v
}

// Elem: &b[0] of a slice parameter.
func Elem(b []int32) []int32 {
	v := unsafe.Slice(&b[0], len(b)) // want "can be written with reflect.SliceHeader"
	return v
}

// Addr: &x of a variable declared with a type.
func Addr() []int {
	var x int = 7
	v := unsafe.Slice(&x, 1) // want "can be written with reflect.SliceHeader"
	return v
}

type buffer struct {
	data []byte
}

// Field: a field of a struct declared in the file.
func (b *buffer) Field(p *byte, n int) {
	b.data = unsafe.Slice(p, n) // want "can be written with reflect.SliceHeader"
}

// Generic: the element type is a type parameter.
func Generic[T any](p *T, n int) []T {
	return unsafe.Slice(p, n) // want "can be written with reflect.SliceHeader"
}
