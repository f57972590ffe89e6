package p

import "io/ioutil"

func save(name string, data []byte) error {
	return ioutil.WriteFile(name, data, 0o600) // want "use os.WriteFile"
}
