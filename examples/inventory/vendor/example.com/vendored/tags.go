// Package vendored normalizes free-form tags. The inventory module vendors it
// (see vendor/): the copy under vendor/ must never be rewritten by a codemod.
package vendored

import (
	"fmt"
	"sort"
	"strings"
)

// Normalize turns loosely typed tag values into sorted, lower-case, unique
// strings. Nil values are dropped.
func Normalize(tags []interface{}) []string {
	seen := make(map[string]bool, len(tags))
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t == nil {
			continue
		}
		s := strings.ToLower(strings.TrimSpace(fmt.Sprint(t)))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
