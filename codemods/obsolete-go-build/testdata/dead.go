//go:build !go1.18

// Package dead was the fallback for Go before 1.18. No Go the module allows builds it:
// it is reported, and deleting it is left to a person.
package dead

const Old = true

// want:1 `^dead file: no Go from 1\.22 \(the module's go line\) on satisfies //go:build !go1\.18; delete the file or fix the line$`
