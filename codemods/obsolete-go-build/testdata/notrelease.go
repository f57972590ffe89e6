//go:build go1 && xgo1.5

// Package notrelease: go1 and xgo1.5 are not release tags (Go sets go1.1 ... go1.N only).
package notrelease
