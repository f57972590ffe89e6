package named

import (
	"fmt"
	u "unsafe"
)

// The file's own name for unsafe is kept.
func View(p *int32, n int) []int32 {
	s := u.Slice(p, n) // want "can be written"
	fmt.Println(len(s))
	return s
}
