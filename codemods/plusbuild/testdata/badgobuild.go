//go:build linux &&
// +build linux

// Package badgobuild: the go command rejects the //go:build line, so nothing here is
// obsolete yet: fix the line first.
package badgobuild
