package inventory

// The two empty interfaces below carry comments. Rewriting them to any
// would delete the comments, so interface-to-any must keep them as they are.
// (gofmt prints a one-line interface{ /* keep */ } in the multi-line form
// used for Cursor.)

// Token is an opaque continuation token handed out by List.
type Token interface {
	// Deliberately empty: callers must not look inside a Token.
}

// Cursor is the position List resumes from.
type Cursor interface { /* keep */
}

// List returns up to n SKUs after the position given by from (nil for the
// start), and a Token for the next call.
func List(s *Store, from Cursor, n int) ([]string, Token) {
	skus := s.SKUs()
	start, _ := from.(int)
	if start > len(skus) {
		start = len(skus)
	}
	end := start + n
	if end > len(skus) {
		end = len(skus)
	}
	return skus[start:end], end
}
