//go:build linux
//go:build amd64
// +build linux,amd64

// Package twogobuild has two //go:build lines, which the go command rejects.
package twogobuild
