//go:build go1.10 && go1.21 && linux
// +build go1.10,go1.21,linux

package plus116

const Three = 3

// want:1 `^go1\.10 is always true.*: it is //go:build go1\.21 && linux$`
