//go:build go1.18 && go1.21 && !(go1.20 && windows)

package several

const X = 1

// want:1 `^go1\.18, go1\.21, go1\.20 are always true at go 1\.22 \(the module's go line\): it is //go:build !windows`
