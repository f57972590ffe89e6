package spaced

var a interface{ } // want "interface{} can be any"

var b interface{	} // want "interface{} can be any"

var _, _ = a, b
