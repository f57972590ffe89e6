package ambiguous

// type Ptrs[T *int | *uint] []T would be an array type of length T*int | *uint: a generic
// type with one type parameter gets the trailing comma of the Go spec, as gofmt writes it.
type intPtr interface{ *int | *uint }

type Ptrs[T intPtr] []T // want "constraint intPtr can be inlined as \\*int \\| \\*uint"

// One pointer term alone is ambiguous too.
type onePtr interface{ *int }

type Box[T onePtr] struct{ v T } // want "constraint onePtr can be inlined as \\*int"

// Functions are never ambiguous, nor are lists of several type parameters.
func First[T intPtr](xs []T) T { return xs[0] } // want "constraint intPtr can be inlined"

type Pair[T intPtr, U any] struct { // want "constraint intPtr can be inlined"
	a T
	b U
}

// A ~ term or a type literal anywhere after the pointer settles it: no comma.
type ptrOrTilde interface{ *int | ~uint }

type Mixed[T ptrOrTilde] []T // want "constraint ptrOrTilde can be inlined as \\*int \\| ~uint"

type ptrToSlice interface{ *[]int | *uint }

type Slices[T ptrToSlice] []T // want "constraint ptrToSlice can be inlined"

// A list already split over lines has its comma.
type Grid[
	T intPtr, // want "constraint intPtr can be inlined"
] [][]T

var (
	_ Ptrs[*int]
	_ Box[*int]
	_ Pair[*uint, string]
	_ Mixed[uint]
	_ Slices[*uint]
	_ = First[*int]
	_ Grid[*uint]
)
