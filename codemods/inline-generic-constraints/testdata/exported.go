package exported

// Number is exported: other packages may use it. By default it is left alone (the option
// exported=true inlines its uses here, and keeps it).
type Number interface{ ~int | ~float64 }

func Max[T Number](a, b T) T {
	if a > b {
		return a
	}
	return b
}
