// +build linux

// Package onlyplusbuild has no //go:build line: its +build line is its only constraint,
// which Go 1.17 and later still read. gofmt adds the //go:build line; then plusbuild can run.
package onlyplusbuild

const Linux = true
