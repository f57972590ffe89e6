package imports

import (
	"fmt"
	"time"
)

func Describe[U unit](u U) string { return fmt.Sprint(u) } // want "constraint unit can be inlined as time.Duration \\| time.Month"

func Stamp[S stamp](s S) string { return fmt.Sprint(s, time.UTC) }

func Size[S text](s S) int { return len(s) }
