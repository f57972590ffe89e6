package aligned

// T has aligned field comments; the shorter type name must not break gofmt's alignment.
type T struct {
	Payload interface{} // want "interface{} can be any"
	Count   int         // number of items
}

var (
	empty   interface{}            // want "interface{} can be any"
	mapping map[string]interface{} // want "interface{} can be any"
)

var _ = T{Payload: empty, Count: len(mapping)}
