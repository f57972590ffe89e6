package fixture

import (
	"io/ioutil" // want "io/ioutil is deprecated: use os"
)

func list(dir string) (int, error) {
	infos, err := ioutil.ReadDir(dir) // want "ioutil.ReadDir has no drop-in replacement"
	if err != nil {
		return 0, err
	}
	data, err := ioutil.ReadFile(dir + "/x")
	return len(infos) + len(data), err
}
