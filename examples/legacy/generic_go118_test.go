//go:build go1.18
// +build go1.18

package legacy

import (
	"reflect"
	"testing"
)

func TestGenerics(t *testing.T) {
	if got := Coalesce("", "", "b", "c"); got != "b" {
		t.Errorf("Coalesce = %q; want b", got)
	}
	m := map[string]int{"a": 1, "b": 2}
	if got := Values(m, []string{"b", "a"}); !reflect.DeepEqual(got, []int{2, 1}) {
		t.Errorf("Values = %v", got)
	}
	if got := Flatten(Boxed([]int{1, 2})); !reflect.DeepEqual(got, []interface{}{1, 2}) {
		t.Errorf("Flatten(Boxed) = %v", got)
	}
}
