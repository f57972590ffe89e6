package p

import "strings"

func missing(s, t string) bool {
	return strings.Index(s, t) == -1 // want "!strings.Contains"
}

func both(ok bool, s, t string) bool {
	return ok && strings.Index(s+t, t) == -1 // want "!strings.Contains"
}
