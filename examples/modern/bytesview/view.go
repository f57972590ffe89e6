// Package bytesview reinterprets a []uint32 as its bytes and back, without
// copying. Views share memory with their source: writes through one are seen
// through the other, and byte order is the machine's (binary.NativeEndian).
package bytesview

import (
	"reflect"
	"runtime"
	"unsafe"
)

// Bytes returns the bytes of u (Go 1.20: unsafe.Slice + unsafe.SliceData).
func Bytes(u []uint32) []byte {
	if len(u) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(u))), len(u)*4)
}

// Uint32s returns b viewed as uint32s. len(b) must be a multiple of 4 and b
// must be 4-byte aligned, as it is when it came from Bytes.
func Uint32s(b []byte) []uint32 {
	if len(b) == 0 {
		return nil
	}
	checkView(b)
	return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)/4)
}

// BytesOld is Bytes written the pre-Go 1.17 way, by filling in the header
// of an empty slice (pattern 6 of the unsafe package documentation).
// reflect.SliceHeader is deprecated; a codemod can turn this into Bytes.
func BytesOld(u []uint32) []byte {
	var b []byte
	if len(u) == 0 {
		return b
	}
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&u[0]))
	hdr.Len = len(u) * 4
	hdr.Cap = len(u) * 4
	runtime.KeepAlive(u)
	return b
}

// Uint32sOld is Uint32s written with reflect.SliceHeader.
func Uint32sOld(b []byte) []uint32 {
	var u []uint32
	if len(b) == 0 {
		return u
	}
	checkView(b)
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&u))
	hdr.Data = uintptr(unsafe.Pointer(&b[0]))
	hdr.Len = len(b) / 4
	hdr.Cap = len(b) / 4
	runtime.KeepAlive(b)
	return u
}

// String returns the bytes of b as a string without copying (Go 1.20:
// unsafe.String). b must not be modified while the string is in use.
func String(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// StringOld is String written with reflect.StringHeader.
func StringOld(b []byte) string {
	var s string
	if len(b) == 0 {
		return s
	}
	hdr := (*reflect.StringHeader)(unsafe.Pointer(&s))
	hdr.Data = uintptr(unsafe.Pointer(&b[0]))
	hdr.Len = len(b)
	runtime.KeepAlive(b)
	return s
}

// SharesOld reports whether u and b start at the same address, by reading
// their slice headers.
func SharesOld(u []uint32, b []byte) bool {
	return (*reflect.SliceHeader)(unsafe.Pointer(&u)).Data == (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data
}

func checkView(b []byte) {
	if len(b)%4 != 0 {
		panic("bytesview: length is not a multiple of 4")
	}
	if uintptr(unsafe.Pointer(&b[0]))%unsafe.Alignof(uint32(0)) != 0 {
		panic("bytesview: data is not 4-byte aligned")
	}
}
