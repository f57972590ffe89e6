package testref_test

import "testing"

// An external test package cannot see number: a type of its own named number does not
// count as a reference, and nothing here is a candidate (it is a method set).
type number interface{ Double() }

func TestNothing(t *testing.T) { var _ number }
