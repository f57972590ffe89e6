//go:build (linux || darwin) && (amd64 || arm64) && !purego
// +build linux darwin
// +build amd64 arm64
// +build !purego

package severallines

const N = 3

// want:2 `^3 \+build lines are no longer needed`
