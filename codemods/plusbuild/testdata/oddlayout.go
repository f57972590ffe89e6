//go:build linux

// +build linux

package oddlayout

const X = 1

// want:3 `\+build line is no longer needed`
