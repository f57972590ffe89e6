package embedded

import "fmt"

// number is also embedded in another interface: it is left alone entirely.
type number interface{ ~int | ~float64 }

type printableNumber interface {
	number
	fmt.Stringer
}

func Max[T number](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Show[T printableNumber](v T) string { return v.String() }

// integer is part of another union: left alone too.
type integer interface{ ~int | ~int64 }

func Twice[T integer | ~float64](v T) T { return v * 2 }

func Half[T integer](v T) T { return v / 2 }

// real has an alias: left alone.
type real interface{ ~float32 | ~float64 }

type float = real

func Neg[T real](v T) T { return -v }

func Abs[T float](v T) T {
	if v < 0 {
		return -v
	}
	return v
}
