// Generic type aliases (Go 1.24) take type parameters too.
package alias

type number interface{ ~int | ~float64 }

type intPtr interface{ *int | *uint }

type Vec[T number] = []T // want "constraint number can be inlined as ~int \\| ~float64"

type Ptrs[P intPtr] = []P // want "constraint intPtr can be inlined as \\*int \\| \\*uint"

var (
	_ Vec[int]
	_ Ptrs[*uint]
)
