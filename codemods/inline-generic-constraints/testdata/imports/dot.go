package imports

import . "strings"

// A dot import could supply any name of the union: left alone.
type text interface{ ~string | ~[]byte }

var _ = ToUpper
