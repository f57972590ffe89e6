package groupempty

// The group's own doc comment goes with it when every spec in it is deleted.
type (
	integer interface{ ~int | ~int64 }

	// float is a doc comment inside the group.
	float interface{ ~float32 | ~float64 }
)

// Lerp interpolates between a and b.
func Lerp[I integer, F float](a, b I, t F) F { return F(a) + t*F(b-a) } // want "constraint integer can be inlined" "constraint float can be inlined"

// Abs is the absolute value.
func Abs[F float](x F) F { // want "constraint float can be inlined as ~float32 \\| ~float64"
	if x < 0 {
		return -x
	}
	return x
}
