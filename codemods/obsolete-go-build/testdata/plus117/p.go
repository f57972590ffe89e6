//go:build go1.18 && linux
// +build go1.18,linux

package plus117

const X = 1

// want:1 `go1\.18 is always true at go 1\.21 \(the module's go line\): it is //go:build linux$`
