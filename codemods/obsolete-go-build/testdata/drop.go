//go:build go1.18

package drop

func Max[T ~int | ~float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

// want:1 `^go1\.18 is always true at go 1\.22 \(the module's go line\): the line can go; the file's language version moves from go 1\.21 to go 1\.22$`
