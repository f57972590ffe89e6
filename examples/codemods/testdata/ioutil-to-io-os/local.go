package fixture

type reader struct{}

func (reader) ReadAll() {}

// A local variable named ioutil: its selectors are not the package (which is not imported).
func local() {
	ioutil := reader{}
	ioutil.ReadAll()
}
