package p

import (
	"sort"
	"strings"
)

func sorted(s string) []string {
	words := strings.Fields(s)
	sort.Strings(words) // want "slices.Sort"
	return words
}

func byLength(words []string) {
	sort.Slice(words, func(i, j int) bool { return len(words[i]) < len(words[j]) })
}
