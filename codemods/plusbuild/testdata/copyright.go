// Copyright 2021 The Authors. All rights reserved.

//go:build go1.18
// +build go1.18

// Package copyright keeps its doc comment and its copyright.
package copyright

func Max[T ~int | ~float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

// want:4 `\+build line is no longer needed`
