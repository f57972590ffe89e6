package pkgshadow

// any is declared in b.go: interface{} cannot become any anywhere here.
func Get(m map[string]interface{}, k string) interface{} { return m[k] }
