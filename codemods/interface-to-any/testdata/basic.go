package basic

import "fmt"

// Box holds a value of any type.
type Box struct {
	Value interface{} // want "can be any"
	Label string
}

// Any is an alias kept for old callers.
type Any = interface{} // want "can be any"

// Empty is a named empty interface.
type Empty interface{} // want "can be any"

// Stack is generic over an unconstrained element type.
type Stack[T interface{}] struct { // want "can be any"
	items []T
}

// Push adds v on top.
func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

// Keys returns the keys of m.
func Keys[K comparable, V interface{}](m map[K]V) []K { // want "can be any"
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// Doer has a method that takes an empty interface: only the inner one changes.
type Doer interface {
	Do(v interface{}) error // want "can be any"
}

// Fields named any and methods named any do not shadow the predeclared any.
type Fields struct {
	any interface{} // want "can be any"
}

// Named has a method named any.
type Named struct{ value int }

func (n Named) any() interface{} { return n.value } // want "can be any"

func describe(v interface{}) interface{} { // want "can be any" "can be any"
	if s, ok := v.(interface{ String() string }); ok {
		return s.String()
	}
	if n, ok := v.(interface{}); ok { // want "can be any"
		return n
	}
	return fmt.Sprint(v)
}

func variadic(format string, args ...interface{}) string { // want "can be any"
	return fmt.Sprintf(format, args...)
}

func collections() int {
	m := map[string]interface{}{"a": 1} // want "can be any"
	s := []interface{}{1, "two"}        // want "can be any"
	c := make(chan interface{}, 1)      // want "can be any"
	k := map[interface{}]int{1: 1}      // want "can be any"
	var arr [2]interface{}              // want "can be any"
	p := new(interface{})               // want "can be any"
	c <- interface{}(3)                 // want "can be any"
	f := func(x interface{}) bool {     // want "can be any"
		return x != nil
	}
	var nested map[string][]map[interface{}]interface{} // want "can be any" "can be any"
	_, _, _ = arr, p, nested
	if f(<-c) {
		return len(m) + len(s) + len(k)
	}
	return 0
}

func use() string {
	var b Box
	b.Value = Stack[int]{}
	var e Empty = Keys(map[string]int{"x": 1})
	var d Doer
	_ = d
	return fmt.Sprint(describe(b)) + variadic("%v %v %v %v", e, Fields{}.any, Named{}.any(), collections())
}
