package p

import (
	"io/ioutil"
)

func count(dir string) (int, error) {
	infos, err := ioutil.ReadDir(dir) // want "migrate by hand"
	return len(infos), err
}
