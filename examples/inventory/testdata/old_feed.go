// This file is test input, not part of any package: the go command ignores
// testdata directories, and so must the tool. Its interface{} stays.

package feed

// Record is one row of a supplier feed.
type Record map[string]interface{}

// Rows is a decoded feed.
var Rows = []Record{{"sku": "a-100", "qty": 3}}
