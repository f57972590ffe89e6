package fixture

import (
	"bytes"
	"io/ioutil" // want "io/ioutil is deprecated: use io and os"
	"path/filepath"
)

func readAll() ([]byte, error) {
	return ioutil.ReadAll(bytes.NewReader(nil))
}

func files(dir string) error {
	data, err := ioutil.ReadFile(filepath.Join(dir, "in"))
	if err != nil {
		return err
	}
	if err := ioutil.WriteFile(filepath.Join(dir, "out"), data, 0o644); err != nil {
		return err
	}
	f, err := ioutil.TempFile(dir, "x-*")
	if err != nil {
		return err
	}
	defer f.Close()
	d, err := ioutil.TempDir(dir, "y-*")
	_ = d
	return err
}

var (
	_ = ioutil.NopCloser(bytes.NewReader(nil))
	_ = ioutil.Discard
)
