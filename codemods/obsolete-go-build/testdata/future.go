//go:build go1.24

// Package future needs a Go newer than the module's go line: the line still decides.
package future

const New = true
