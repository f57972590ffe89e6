package limits

// Five terms: more than maxTerms (4 by default), so it stays named.
type integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64
}

func Abs[T integer](v T) T {
	if v < 0 {
		return -v
	}
	return v
}

// A comment inside the braces would be lost: left alone.
type float interface {
	// Only the IEEE 754 ones.
	~float32 | ~float64
}

func Half[T float](v T) T { return v / 2 }

// Never used as a constraint: nothing to inline, and it is not deleted.
type unused interface{ ~int | ~uint }

// A method set and an embedded interface are not type sets.
type stringer interface{ String() string }

type alsoStringer interface{ stringer }

func Show[T alsoStringer](v T) string { return v.String() }

// Type parameters of its own: not a candidate.
type listOf[E any] interface{ ~[]E }

func Len[L listOf[E], E any](l L) int { return len(l) }
