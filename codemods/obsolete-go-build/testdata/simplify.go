//go:build go1.21 && (linux || darwin)

package simplify

const Unix = true

// want:1 `^go1\.21 is always true at go 1\.22 \(the module's go line\): it is //go:build linux \|\| darwin; the file's language version moves from go 1\.21 to go 1\.22$`
