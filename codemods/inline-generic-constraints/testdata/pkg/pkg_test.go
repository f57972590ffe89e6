package pkg

import "testing"

// A test file of the same package sees number, and its use is inlined too.
func check[T number](t *testing.T, got, want T) { // want "constraint number can be inlined"
	t.Helper()
	if got != want {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSum(t *testing.T) {
	check(t, Sum(1, 2, 3), 6)
	check(t, Mean(1.0, 2.0), 1.5)
}
