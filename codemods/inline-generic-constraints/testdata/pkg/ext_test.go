package pkg_test

import (
	"testing"

	"example.com/pkg"
)

// The external test package is a package of its own: it cannot see number, and its own
// constraint number (the same name) is inlined and deleted within it.
type number interface{ ~int | ~uint }

func first[T number](xs ...T) T { return xs[0] } // want "constraint number can be inlined as ~int \\| ~uint"

func TestMax(t *testing.T) {
	if got, ok := pkg.Max(3, 9, 2); !ok || got != 9 || first(4, 5) != 4 {
		t.Errorf("Max = %v, %v", got, ok)
	}
}
