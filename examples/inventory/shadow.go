package inventory

import "fmt"

// The functions in this file shadow the predeclared identifier any.
// Inside their bodies, any is a string or a bool, so the interface{}
// written there must stay interface{}: rewriting it to any would not
// compile. interface-to-any must leave this whole file unchanged.

// Describe formats a label for a log line; its parameter is named any.
func Describe(any string) string {
	var boxed interface{} = any
	return fmt.Sprintf("label=%v", boxed)
}

// FirstInStock returns the first item, by SKU, with a positive quantity,
// and whether there is any.
func FirstInStock(s *Store) (*Item, bool) {
	any := false
	var found interface{}
	for _, sku := range s.SKUs() {
		if it := s.items[sku]; it.Qty > 0 {
			any, found = true, it
			break
		}
	}
	it, _ := found.(*Item)
	return it, any
}
