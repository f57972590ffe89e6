package single

import "unsafe"

// Three rewrites, one reflect import: the single-line import becomes a sorted block.
func Views(b []byte) ([]uint16, []uint32, []uint64) {
	h := unsafe.Slice((*uint16)(unsafe.Pointer(&b[0])), len(b)/2) // want "can be written"
	w := unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)/4) // want "can be written"
	d := unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), len(b)/8) // want "can be written"
	return h, w, d
}
