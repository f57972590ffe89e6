package p

import (
	"io"
	"io/ioutil"
)

var sink io.Writer = ioutil.Discard // want "use io.Discard"

func quiet(verbose bool) io.Writer {
	if verbose {
		return nil
	}
	return ioutil.Discard // want "use io.Discard"
}
