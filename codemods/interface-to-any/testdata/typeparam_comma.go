package typeparamcomma

// Go reads [P *interface{}] as a type parameter list, but [P *any] as an array length
// (P*any): the rewrite adds the trailing comma that keeps it a type parameter list.
type S[P *interface{}] []P // want "can be any"

type U[P *interface{} | *int] []P // want "can be any"

type Fields[P *interface{}] struct{ f P } // want "can be any"

type Methods[P *interface{}] interface{ M() P } // want "can be any"

type Func[P *interface{}] func(P) // want "can be any"

// Already unambiguous: a second parameter or name, a type element, a function.
type Two[P *interface{}, Q any] []P // want "can be any"

type Names[P, Q *interface{}] []P // want "can be any"

type Slice[P *interface{} | []int] []P // want "can be any"

type Struct[P *struct{ x interface{} }] []P // want "can be any"

func F[P *interface{}](p P) P { return p } // want "can be any"

var _ = F[*interface{}] // want "can be any"
