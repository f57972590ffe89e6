package p

import "io/ioutil"

func workdir() (string, error) {
	dir, err := ioutil.TempDir("", "work-") // want "use os.MkdirTemp"
	return dir, err
}
