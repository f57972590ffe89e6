// Copyright 2022 The Authors. All rights reserved.

//go:build go1.20

// Package copyright keeps its copyright and its doc comment apart.
package copyright

const X = 1

// want:3 `go1\.20 is always true`
