//go:build go1.18
// +build go1.18

package plus117

const Y = 2

// want:1 `go1\.18 is always true at go 1\.21.*: the line can go$`
