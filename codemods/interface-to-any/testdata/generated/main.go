package generated

// Generated files are not edited; the files beside them are.
func Handwritten(v interface{}) interface{} { return Generated(v) } // want "can be any" "can be any"
