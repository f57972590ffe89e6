package group

import "strconv"

// Constraints and a plain interface share one group: the group stays, with the
// interface alone in it.
type (
	// signed integers.
	signed interface {
		~int | ~int8 | ~int16 | ~int32
	}

	// Formatter is a method set, not a type set: it stays.
	Formatter interface{ Format(v int64) string }

	// unsigned integers.
	unsigned interface{ ~uint | ~uint8 } // trailing: goes too
)

func FormatSigned[T signed](v T) string { // want "constraint signed can be inlined as ~int \\| ~int8 \\| ~int16 \\| ~int32"
	return strconv.FormatInt(int64(v), 10)
}

func FormatUnsigned[T unsigned](v T) string { // want "constraint unsigned can be inlined as ~uint \\| ~uint8"
	return strconv.FormatUint(uint64(v), 10)
}

type decimal struct{}

func (decimal) Format(v int64) string { return strconv.FormatInt(v, 10) }

var _ Formatter = decimal{}
