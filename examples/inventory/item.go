// Package inventory keeps a small in-memory stock list.
package inventory

import (
	"errors"
	"sort"
	"sync"

	"example.com/inventory/stats"
	"example.com/vendored"
)

// ErrNotFound is returned when a SKU is not in the store.
var ErrNotFound = errors.New("inventory: item not found")

// Item is one stock-keeping unit.
type Item struct {
	SKU   string
	Name  string
	Qty   int
	Price float64

	// Attrs holds free-form attributes decoded from supplier feeds.
	Attrs map[string]interface{}
	// Tags are raw tag values; see NormalizedTags.
	Tags []interface{}
}

// Value is the stock value of the item.
func (it *Item) Value() float64 { return float64(it.Qty) * it.Price }

// NormalizedTags returns the item's tags, lower-cased, sorted and unique.
func (it *Item) NormalizedTags() []string { return vendored.Normalize(it.Tags) }

// Hook observes changes to a Store.
type Hook func(event string, payload interface{})

// Store is an in-memory inventory.
type Store struct {
	items map[string]*Item
	hooks []Hook
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{items: make(map[string]*Item)}
}

// OnChange registers h to be called after every change.
func (s *Store) OnChange(h Hook) { s.hooks = append(s.hooks, h) }

func (s *Store) emit(event string, payload interface{}) {
	for _, h := range s.hooks {
		h(event, payload)
	}
}

// Broadcast calls every hook with the event, each in its own goroutine, and
// waits for all of them.
func (s *Store) Broadcast(event string, payload interface{}) {
	var wg sync.WaitGroup
	for _, h := range s.hooks {
		h := h // each goroutine needs its own h: before Go 1.22 the loop shares one
		wg.Add(1)
		go func() {
			defer wg.Done()
			h(event, payload)
		}()
	}
	wg.Wait()
}

// Put adds or replaces an item.
func (s *Store) Put(it Item) {
	s.items[it.SKU] = &it
	s.emit("put", it.SKU)
}

// Get returns the item with the given SKU.
func (s *Store) Get(sku string) (*Item, error) {
	it, ok := s.items[sku]
	if !ok {
		return nil, ErrNotFound
	}
	return it, nil
}

// Remove deletes an item.
func (s *Store) Remove(sku string) error {
	if _, ok := s.items[sku]; !ok {
		return ErrNotFound
	}
	delete(s.items, sku)
	s.emit("remove", sku)
	return nil
}

// SKUs returns every SKU in sorted order.
func (s *Store) SKUs() []string {
	skus := Keys(s.items)
	sort.Strings(skus)
	return skus
}

// TotalValue is the summed value of all items.
func (s *Store) TotalValue() float64 {
	values := make([]float64, 0, len(s.items))
	for _, it := range s.items {
		values = append(values, it.Value())
	}
	return stats.Sum(values)
}

// LargestQty is the highest quantity held of any item, or 0 when empty.
func (s *Store) LargestQty() int {
	qtys := make([]int, 0, len(s.items))
	for _, it := range s.items {
		qtys = append(qtys, it.Qty)
	}
	m, _ := stats.Max(qtys)
	return m
}

// Snapshot returns the store as plain maps and slices, ready for Encode.
func (s *Store) Snapshot() map[string]interface{} {
	items := make([]interface{}, 0, len(s.items))
	for _, sku := range s.SKUs() {
		it := s.items[sku]
		row := map[string]interface{}{
			"sku":   it.SKU,
			"name":  it.Name,
			"qty":   it.Qty,
			"price": it.Price,
		}
		if len(it.Attrs) > 0 {
			row["attrs"] = it.Attrs
		}
		if tags := it.NormalizedTags(); len(tags) > 0 {
			row["tags"] = tags
		}
		items = append(items, row)
	}
	return map[string]interface{}{
		"count": len(items),
		"items": items,
		"total": s.TotalValue(),
	}
}
