package p

import (
	"errors"
	"fmt"
)

// %w in Sprintf prints; in Errorf it wraps: a change of behaviour, so not matched.
func wrap(err error) error {
	return errors.New(fmt.Sprintf("failed: %w", err))
}

// A format that is not a literal: go vet rejects it in fmt.Errorf.
func dynamic(format string, n int) error {
	return errors.New(fmt.Sprintf(format, n))
}

// A comment the rewrite would drop: reported, not rewritten.
func commented(n int) error {
	return errors.New(fmt.Sprintf("bad %d", /* the input */ n)) // want "not rewritten: the rewrite would drop the comment at 20:42"
}
