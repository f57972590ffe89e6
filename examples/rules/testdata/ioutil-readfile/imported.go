package p

import (
	"io/ioutil"
	"os"
)

func load(name string) ([]byte, error) {
	if _, err := os.Stat(name); err != nil {
		return nil, err
	}
	return ioutil.ReadFile(name) // want "use os.ReadFile"
}
