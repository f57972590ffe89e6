//go:build linux
// +build linux

package crlf

const X = 1

// want:2 `\+build line is no longer needed`
