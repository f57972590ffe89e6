package p

import (
	"io/ioutil"
	"os"
)

func scratch(dir string) (*os.File, error) {
	return ioutil.TempFile(dir, "scratch-*.txt") // want "use os.CreateTemp"
}
