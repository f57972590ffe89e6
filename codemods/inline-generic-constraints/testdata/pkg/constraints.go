// Package pkg declares its constraints in one file and uses them in others.
package pkg

// number is what Sum and Mean add up.
type number interface {
	~int | ~int64 | ~float64
}

// ordered is what Max compares.
type ordered interface{ ~int | ~float64 | ~string }
