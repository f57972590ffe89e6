package p

import (
	"io"
	"io/ioutil"
)

type reader struct{}

func (reader) ReadAll(r io.Reader) ([]byte, error) { return nil, nil }

// A parameter named ioutil hides the package: not a use of io/ioutil.
func read(ioutil reader, r io.Reader) ([]byte, error) {
	return ioutil.ReadAll(r)
}

func discard() io.Writer { return ioutil.Discard }
