package inventory

import (
	"errors"
	"reflect"
	"sort"
	"sync"
	"testing"
)

func sampleStore() *Store {
	s := NewStore()
	s.Put(Item{SKU: "b-200", Name: "Bolt", Qty: 40, Price: 0.25, Tags: []interface{}{"Metal", " metal", nil}})
	s.Put(Item{SKU: "a-100", Name: "Anchor", Qty: 0, Price: 12, Attrs: map[string]interface{}{"kg": 3.5}})
	return s
}

func TestEncodeSnapshot(t *testing.T) {
	got := Encode(sampleStore().Snapshot())
	want := `{"count":2,"items":[{"attrs":{"kg":3.5},"name":"Anchor","price":12,"qty":0,"sku":"a-100"},` +
		`{"name":"Bolt","price":0.25,"qty":40,"sku":"b-200","tags":["metal"]}],"total":10}`
	if got != want {
		t.Errorf("Encode(Snapshot()) =\n%s\nwant\n%s", got, want)
	}
}

func TestLookup(t *testing.T) {
	v, err := Lookup(sampleStore().Snapshot(), "items.1.sku")
	if err != nil || v != "b-200" {
		t.Fatalf("Lookup = %v, %v; want b-200", v, err)
	}
	if _, err := Lookup(map[string]interface{}{"a": 1}, "a.b"); err == nil {
		t.Error("Lookup through an int succeeded")
	}
}

func TestStore(t *testing.T) {
	s := sampleStore()
	var events []interface{}
	s.OnChange(func(event string, payload interface{}) { events = append(events, event, payload) })
	if err := s.Remove("a-100"); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove("a-100"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Remove: %v; want ErrNotFound", err)
	}
	if want := []interface{}{"remove", "a-100"}; !reflect.DeepEqual(events, want) {
		t.Errorf("events = %v; want %v", events, want)
	}
	if got := s.LargestQty(); got != 40 {
		t.Errorf("LargestQty = %d; want 40", got)
	}
}

func TestShadowedAny(t *testing.T) {
	if got := Describe("x"); got != "label=x" {
		t.Errorf("Describe = %q", got)
	}
	it, ok := FirstInStock(sampleStore())
	if !ok || it.SKU != "b-200" {
		t.Errorf("FirstInStock = %v, %v; want b-200, true", it, ok)
	}
}

func TestListAndGenerated(t *testing.T) {
	s := sampleStore()
	page, tok := List(s, nil, 1)
	if !reflect.DeepEqual(page, []string{"a-100"}) {
		t.Errorf("first page = %v", page)
	}
	if page, _ = List(s, tok, 5); !reflect.DeepEqual(page, []string{"b-200"}) {
		t.Errorf("second page = %v", page)
	}
	if z, ok := ZeroValue("Qty"); !ok || z != 0 {
		t.Errorf("ZeroValue(Qty) = %v, %v", z, ok)
	}
	if got := Filter(FieldNames(), func(f string) bool { return len(f) == 3 }); !reflect.DeepEqual(got, []string{"SKU", "Qty"}) {
		t.Errorf("Filter = %v", got)
	}
}

func TestBroadcast(t *testing.T) {
	s := NewStore()
	var mu sync.Mutex
	var calls []string
	for _, name := range []string{"audit", "cache", "metrics"} {
		name := name
		s.OnChange(func(event string, payload interface{}) {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, name+":"+event)
		})
	}
	s.Broadcast("sync", nil)
	sort.Strings(calls)
	if want := []string{"audit:sync", "cache:sync", "metrics:sync"}; !reflect.DeepEqual(calls, want) {
		t.Errorf("calls = %v; want each hook once: %v", calls, want)
	}
}
