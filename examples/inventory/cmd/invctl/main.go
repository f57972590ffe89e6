// Command invctl prints a sample inventory as JSON.
package main

import (
	"fmt"

	"example.com/inventory"
)

func main() {
	s := inventory.NewStore()
	s.OnChange(func(event string, payload interface{}) {
		fmt.Printf("# %s %v\n", event, payload)
	})
	s.Put(inventory.Item{SKU: "n-10", Name: "Nut", Qty: 120, Price: 0.05})
	s.Put(inventory.Item{
		SKU:   "w-20",
		Name:  "Washer",
		Qty:   75,
		Price: 0.02,
		Attrs: map[string]interface{}{"mm": 8, "finish": "zinc"},
		Tags:  []interface{}{"Hardware", "small"},
	})
	fmt.Println(inventory.Encode(s.Snapshot()))
}
