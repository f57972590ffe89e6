//go:build go1.18 && go1.24

package newerkept

const New = true

// want:1 `go1\.18 is always true.*: it is //go:build go1\.24$`
