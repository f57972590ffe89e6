package p

import (
	"io"
	. "io/ioutil" // want "dot-imported"
)

func read(r io.Reader) ([]byte, error) {
	return ReadAll(r)
}
