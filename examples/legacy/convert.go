// Package legacy holds helpers from before generics. Its go.mod says
// go 1.16, so any does not exist here: interface-to-any must not touch
// this file (rewriting it would not compile under go 1.16 rules).
package legacy

import (
	"fmt"
	"sort"
	"strconv"
)

// ToString formats common scalar types without reflection.
func ToString(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case fmt.Stringer:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

// Flatten appends the leaves of nested []interface{} values to a flat list.
func Flatten(in []interface{}) []interface{} {
	var out []interface{}
	for _, v := range in {
		if inner, ok := v.([]interface{}); ok {
			out = append(out, Flatten(inner)...)
			continue
		}
		out = append(out, v)
	}
	return out
}

// Repeat returns n copies of v.
func Repeat(v interface{}, n int) []interface{} {
	out := make([]interface{}, n)
	for i := 0; i < n; i++ {
		out[i] = v
	}
	return out
}

// SortedKeys returns the keys of m in order.
func SortedKeys(m map[string]interface{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
