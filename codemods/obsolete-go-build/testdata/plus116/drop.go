// Copyright 2020 The Authors.

//go:build go1.10
// +build go1.10

package plus116

const Four = 4

// want:3 `go1\.10 is always true.*would drop from go 1\.21 to go 1\.16`
