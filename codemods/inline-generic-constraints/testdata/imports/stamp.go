package imports

import "time"

// stamp is this file's only use of time: deleting it would leave the import unused, so it
// is left alone.
type stamp interface{ time.Duration | time.Weekday }
