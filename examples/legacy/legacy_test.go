package legacy

import (
	"reflect"
	"strings"
	"testing"
)

func TestFlatten(t *testing.T) {
	in := []interface{}{1, []interface{}{"a", []interface{}{true}}, nil}
	want := []interface{}{1, "a", true, nil}
	if got := Flatten(in); !reflect.DeepEqual(got, want) {
		t.Errorf("Flatten = %v; want %v", got, want)
	}
}

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig(strings.NewReader("# demo\nname = shop\ndebug=true\n\nbroken\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Keys(); !reflect.DeepEqual(got, []string{"debug", "name"}) {
		t.Errorf("Keys = %v", got)
	}
	if v, _ := c.Get("debug"); v != true {
		t.Errorf("debug = %v; want true", v)
	}
	if got := ToString(42) + ToString(nil) + ToString("x"); got != "42x" {
		t.Errorf("ToString = %q", got)
	}
}
