package files

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestStore(t *testing.T) {
	s, err := NewTemp()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(s.Dir)
	if err := s.Put("b", "bb"); err != nil {
		t.Fatal(err)
	}
	if err := s.Copy("a", strings.NewReader("a")); err != nil {
		t.Fatal(err)
	}
	if err := s.Put("x/y", ""); err == nil {
		t.Fatal("a name with a slash was accepted")
	}
	names, err := s.Names()
	if err != nil || !reflect.DeepEqual(names, []string{"a", "b"}) {
		t.Fatalf("Names() = %v, %v", names, err)
	}
	sizes, err := s.Sizes("b", "a")
	if err != nil || !reflect.DeepEqual(sizes, []int{1, 2}) {
		t.Fatalf("Sizes() = %v, %v", sizes, err)
	}
	if _, err := s.Sizes("missing"); err == nil || !strings.Contains(err.Error(), "size of missing") {
		t.Fatalf("Sizes(missing) error = %v", err)
	}
}
