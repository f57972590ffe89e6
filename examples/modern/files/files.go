// Package files keeps small named text files in a directory, the way code written before
// Go 1.16 and 1.21 did it: with io/ioutil, sort.Strings and strings.Index. The rules in
// examples/rules move it to os, io and slices.
package files

import (
	"errors"
	"fmt"
	"io"
	"io/ioutil"
	"sort"
	"strings"
)

// Store is a directory of text files.
type Store struct {
	Dir string
	Log io.Writer
}

// NewTemp makes a store in a new temporary directory.
func NewTemp() (*Store, error) {
	dir, err := ioutil.TempDir("", "files-")
	if err != nil {
		return nil, err
	}
	return &Store{Dir: dir, Log: ioutil.Discard}, nil
}

// Put writes a file; names must not hold a path separator.
func (s *Store) Put(name, text string) error {
	if strings.Index(name, "/") != -1 {
		return errors.New(fmt.Sprintf("bad name %q", name))
	}
	fmt.Fprintf(s.Log, "put %s\n", name)
	return ioutil.WriteFile(s.path(name), []byte(text), 0o644)
}

// Get reads a file back.
func (s *Store) Get(name string) (string, error) {
	data, err := ioutil.ReadFile(s.path(name))
	if err != nil {
		return "", err
	}
	return string(data), nil
}

// Copy reads r to its end (through a no-op closer, as a caller might hand it on) into a file.
func (s *Store) Copy(name string, r io.Reader) error {
	rc := ioutil.NopCloser(r)
	defer rc.Close()
	data, err := ioutil.ReadAll(rc)
	if err != nil {
		return err
	}
	return s.Put(name, string(data))
}

// Names lists the files, sorted.
func (s *Store) Names() ([]string, error) {
	f, err := ioutil.TempFile(s.Dir, ".probe-")
	if err != nil {
		return nil, err
	}
	probe := f.Name()[len(s.Dir)+1:]
	f.Close()
	infos, err := ioutil.ReadDir(s.Dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, info := range infos {
		if info.Name() != probe && strings.Index(info.Name(), ".") == -1 {
			names = append(names, info.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// Sizes returns the sizes of the named files, smallest first.
func (s *Store) Sizes(names ...string) ([]int, error) {
	var sizes []int
	for _, n := range names {
		text, err := s.Get(n)
		if err != nil {
			return nil, errors.New(fmt.Sprintf("size of %s: %v", n, err))
		}
		sizes = append(sizes, len(text))
	}
	sort.Ints(sizes)
	return sizes, nil
}

func (s *Store) path(name string) string { return s.Dir + "/" + name }
