package pkgimport

import any "strings"

var _ = Wrap(any.ToUpper("x"))
