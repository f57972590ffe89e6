package typeparamcommaparen

// Not gofmt-clean (gofmt drops the parentheses), but valid: [P (interface{})] is a type
// parameter list, [P (any)] a call P(any) as an array length.
type V[P (interface{})] []P // want "can be any"

type D[P *(interface{})] []P // want "can be any"

// A comma is there already (gofmt drops it where it is not needed).
type Comma[P *interface{},] []P // want "can be any"
