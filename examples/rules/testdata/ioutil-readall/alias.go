package p

import (
	"io"
	iu "io/ioutil"
)

func read(r io.Reader) ([]byte, error) {
	return iu.ReadAll(r) // want "use io.ReadAll"
}
