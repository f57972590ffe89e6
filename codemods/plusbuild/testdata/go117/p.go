//go:build linux && !cgo
// +build linux,!cgo

package go117

const NoCgo = true

// want:2 `\+build line is no longer needed`
