package inventory

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Encode renders v as compact JSON. It understands the shapes that
// Snapshot produces: nil, bool, int, float64, string, []string,
// []interface{} and map[string]interface{} (keys sorted). Anything else is
// written as a string with fmt's %v.
func Encode(v interface{}) string {
	var b strings.Builder
	encode(&b, v)
	return b.String()
}

func encode(b *strings.Builder, v interface{}) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case string:
		b.WriteString(strconv.Quote(x))
	case []string:
		list := make([]interface{}, len(x))
		for i, s := range x {
			list[i] = s
		}
		encode(b, list)
	case []interface{}:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			encode(b, e)
		}
		b.WriteByte(']')
	case map[string]interface{}:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			encode(b, x[k])
		}
		b.WriteByte('}')
	default:
		b.WriteString(strconv.Quote(fmt.Sprintf("%v", x)))
	}
}

// Lookup follows a dotted path such as "items.0.sku" through nested maps
// and slices, as produced by Snapshot.
func Lookup(v interface{}, path string) (interface{}, error) {
	cur := v
	for _, part := range strings.Split(path, ".") {
		if m, ok := cur.(map[string]interface{}); ok {
			next, found := m[part]
			if !found {
				return nil, fmt.Errorf("lookup %q: no key %q", path, part)
			}
			cur = next
			continue
		}
		if list, ok := cur.([]interface{}); ok {
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(list) {
				return nil, fmt.Errorf("lookup %q: bad index %q", path, part)
			}
			cur = list[i]
			continue
		}
		return nil, fmt.Errorf("lookup %q: %T is not a map[string]interface{} or []interface{}", path, cur)
	}
	return cur, nil
}
