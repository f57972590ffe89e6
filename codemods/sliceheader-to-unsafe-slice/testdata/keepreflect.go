package keep

import (
	"fmt"
	"reflect"
	"unsafe"
)

// Kind still needs reflect after the rewrite: the import stays.
func Kind(v any) string {
	return reflect.TypeOf(v).Kind().String()
}

func View(p *byte, n int) []byte {
	var s []byte
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want "build the slice with unsafe.Slice"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = n
	sh.Cap = n
	fmt.Println(len(s))
	return s
}
