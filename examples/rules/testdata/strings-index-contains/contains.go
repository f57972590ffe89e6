package p

import "strings"

func has(s, t string) bool {
	return strings.Index(s, t) != -1 // want "strings.Contains"
}

func hasEither(s, a, b string) bool {
	return strings.Index(s, a) != -1 || strings.Index(s, b) != -1 // want "strings.Contains" "strings.Contains"
}

func at(s, t string) int {
	return strings.Index(s, t)
}
