package p

import "io/ioutil"

// The file's os is a parameter here: os.ReadFile would not compile, so "os" comes in as os2.
func load(os string) ([]byte, error) {
	return ioutil.ReadFile(os) // want "use os.ReadFile"
}
