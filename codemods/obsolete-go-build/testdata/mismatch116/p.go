//go:build go1.9 && go1.21 && linux
// +build go1.9,go1.21

// Package p: Go 1.16 reads the +build line, which says something else than the //go:build
// line. Rewriting it would change what Go 1.16 builds: reported, not fixed.
package p

const X = 1

// want:1 `go1\.9 is always true at go 1\.16 \(the module's go line\), but the \+build lines do not match the //go:build line`
