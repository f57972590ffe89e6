//go:build go1.20 || purego

package or

const X = 1

// want:1 `go1\.20 is always true.*: the line can go`
