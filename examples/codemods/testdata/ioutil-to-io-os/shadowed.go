package fixture

import "io/ioutil"

type fs struct{ name string }

func (f fs) ReadFile(string) ([]byte, error) { return nil, nil }

func read(name string) ([]byte, error) {
	os := fs{name}
	_ = os
	return ioutil.ReadFile(name) // want "os is a local name here"
}
