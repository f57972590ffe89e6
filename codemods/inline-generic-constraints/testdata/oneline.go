package oneline

// Declarations sharing a line, and a comment before a name. The codemod reads the text
// before `interface` to decide what to parse, and must still find all four: `word` is
// inlined and its declaration deleted; the others stay, since their declarations share a
// line with other code and cannot be deleted alone (options.test.ts inlines them with
// exported=true, which keeps declarations).
type ( small interface{ ~int8 | ~int16 }; big interface{ ~int64 } )

type /* a comment before the name */ word interface{ ~string | ~[]byte }

var x = 1; type flag interface{ ~bool }

func Small[T small](v T) T { return v }

func Big[T big](v T) T { return v }

func Word[T word](v T) T { return v } // want "constraint word can be inlined as ~string \\| ~\\[\\]byte"

func Flag[T flag](v T) T { return v }
