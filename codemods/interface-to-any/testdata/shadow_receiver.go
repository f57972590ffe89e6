package shadowreceiver

type Box struct{ v interface{} } // want "can be any"

// The scope of a receiver is the method body.
func (any *Box) Swap(v interface{}) interface{} { // want "can be any" "can be any"
	var old interface{} = any.v
	any.v = v
	return old
}

type List[T any] struct{ items []T }

// A type parameter declared by a receiver is in scope from after the method
// name to the end of the body.
func (l *List[any]) Append(v interface{}) interface{} {
	var x interface{} = v
	l.items = append(l.items, x.(any))
	return x
}

func (l *List[T]) Len() interface{} { return len(l.items) } // want "can be any"
