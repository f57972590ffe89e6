package p

import (
	"io"
	"io/ioutil"
	"strings"
)

func body(s string) io.ReadCloser {
	return ioutil.NopCloser(strings.NewReader(s)) // want "use io.NopCloser"
}
