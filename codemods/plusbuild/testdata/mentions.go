//go:build linux

// Package mentions talks about // +build lines in its comments, which are not constraints:
//
//	// +build linux
//
// stays as it is.
package mentions

// See +build in the docs of the go command: not a constraint either.
const X = 1
