package pkgshadow

var any = "not the predeclared any"

var _ = Get(map[string]interface{}{"k": any}, "k")
