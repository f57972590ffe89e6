//go:build go1.12 && go1.21 && (linux || darwin)
// +build go1.12
// +build go1.21
// +build linux darwin

package plus116

const Two = 2

// want:1 `^go1\.12 is always true at go 1\.16 \(the module's go line\): it is //go:build go1\.21 && \(linux \|\| darwin\)$`
