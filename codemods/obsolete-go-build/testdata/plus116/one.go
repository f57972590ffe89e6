//go:build go1.9 && linux
// +build go1.9,linux

// Package plus116 is in a go 1.16 module: the file is compiled at Go 1.21 while its
// //go:build line names a Go version, at Go 1.16 without one. Not lowered: reported.
package plus116

const One = 1

// want:1 `^go1\.9 is always true at go 1\.16 \(the module's go line\), but without it the file's language version would drop from go 1\.21 to go 1\.16: raise the module's go line to 1\.21 or later first$`
