//go:build !go1.21 || purego

// Package negated had a fallback for Go before 1.21, or for purego builds: only purego is left.
package negated

const Fallback = true

// want:1 `go1\.21 is always true at go 1\.22 \(the module's go line\): it is //go:build purego$`
