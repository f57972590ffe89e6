package old

// The module is at go 1.17, which has no any: nothing changes.
func Keep(v interface{}) []interface{} { return []interface{}{v} }
