package events

import (
	"reflect"
	"testing"
)

func TestBus(t *testing.T) {
	b := New()
	var got []interface{}
	b.Subscribe("stock", func(d interface{}) { got = append(got, d) })
	b.Subscribe("price", func(interface{}) {})
	if n := b.Publish("stock", 3); n != 1 {
		t.Errorf("Publish delivered to %d subscribers; want 1", n)
	}
	b.Publish("other", "x")
	if !reflect.DeepEqual(got, []interface{}{3}) {
		t.Errorf("got %v", got)
	}
	var lines []string
	for e := range b.Drain() {
		lines = append(lines, Describe(e))
	}
	if want := []string{"stock: 3", "other: x"}; !reflect.DeepEqual(lines, want) {
		t.Errorf("Drain = %q; want %q", lines, want)
	}
	if want := []string{"price", "stock"}; !reflect.DeepEqual(b.Topics(), want) {
		t.Errorf("Topics = %v", b.Topics())
	}
}
