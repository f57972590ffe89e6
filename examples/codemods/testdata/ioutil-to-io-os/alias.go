package fixture

import (
	iu "io/ioutil" // want "io/ioutil is deprecated: use io"
	stdio "io"
	"strings"
)

var _ = stdio.EOF

func slurp() ([]byte, error) {
	return iu.ReadAll(strings.NewReader("x"))
}
