package fixture

import "io/ioutil" // want "io/ioutil is deprecated: use os"

func load(name string) ([]byte, error) {
	return ioutil.ReadFile(name)
}
