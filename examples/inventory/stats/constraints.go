// Package stats has small generic helpers over numbers.
package stats

// number is the constraint shared by Max (max.go) and Sum (sum.go).
type number interface{ ~int | ~int64 | ~float64 }
