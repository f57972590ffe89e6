package shadowtypeparam

// The scope of a function's type parameter begins after the function name
// and ends with the body: the constraint is inside it.
func Identity[any interface{}](v any) any {
	var x interface{} = v
	_ = x
	return v
}

func Plain[T interface{}](v T) interface{} { return v } // want "can be any" "can be any"

// The scope of a generic type's type parameter ends with the TypeSpec.
type Pair[any interface{}] struct {
	First  any
	Second interface{}
}

type Other struct{ V interface{} } // want "can be any"

func (p Pair[T]) Both() []interface{} { return []interface{}{p.First, p.Second} } // want "can be any" "can be any"

var _ = Identity(Plain(Pair[int]{}.Both()))
