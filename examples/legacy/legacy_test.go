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

func TestRepeat(t *testing.T) {
	if got := Repeat("x", 3); !reflect.DeepEqual(got, []interface{}{"x", "x", "x"}) {
		t.Errorf("Repeat = %v", got)
	}
	if got := Repeat(1, 0); len(got) != 0 {
		t.Errorf("Repeat(1, 0) = %v", got)
	}
}

func TestNewline(t *testing.T) {
	if Newline != "\n" && Newline != "\r\n" {
		t.Errorf("Newline = %q", Newline)
	}
}
