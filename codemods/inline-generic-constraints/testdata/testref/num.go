package testref

// number is used as a constraint here, but embedded in an interface by a test file of the
// same package: it is left alone entirely.
type number interface{ ~int | ~float64 }

func Double[T number](v T) T { return 2 * v }
