//go:build go1.18 &&

// Package badline: the go command rejects the line; it is left for a person.
package badline
