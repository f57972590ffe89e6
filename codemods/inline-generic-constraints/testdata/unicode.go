package unicodecase

// Größe: non-ASCII text before the edits (offsets are UTF-16 units) 🙂.
var Größe = "naïve ☃"

// spread spans lines: it is written on one line where it is used.
type spread interface {
	~int | ~int8 |
		~uint | ~uint8
}

// Größer reports whether a > b. ☃
func Größer[T spread](a, b T) bool { return a > b } // want "constraint spread can be inlined as ~int \\| ~int8 \\| ~uint \\| ~uint8"
