package imports

import "time"

// unit names time's types. This file still uses time after the declaration goes, and the
// files using unit import time the same way: it is inlined and deleted.
type unit interface{ time.Duration | time.Month }

// Now is the current time.
func Now() time.Time { return time.Now() }

// day names time's types too, but UseDay's file does not import time: left alone.
type day interface{ time.Weekday | ~string }
