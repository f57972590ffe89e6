package comparablecase

// key is interface{ comparable }: it inlines as comparable.
type key interface{ comparable }

// Set is a set of keys.
type Set[K key] map[K]struct{} // want "constraint key can be inlined as comparable"

// Index returns the position of x in xs, or -1.
func Index[T key](xs []T, x T) int { // want "constraint key can be inlined as comparable"
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// A single type term is a union of one: interface{ int } inlines as int.
type onlyInt interface{ int }

func Twice[T onlyInt](v T) T { return v * 2 } // want "constraint onlyInt can be inlined as int"

// A struct type of this package is a type term too.
type point struct{ X, Y int }

type onlyPoint interface{ point }

func Origin[P onlyPoint]() P { var p P; return p } // want "constraint onlyPoint can be inlined as point"

var _ = Set[string]{}
