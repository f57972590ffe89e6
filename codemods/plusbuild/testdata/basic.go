//go:build linux || darwin
// +build linux darwin

package basic

func F() int { return 1 }

// want:2 `^\+build line is no longer needed: the //go:build line decides from Go 1.17 on$`
