package keyvalue

func Pairs(m map[string]int) []func() (string, int) {
	var fns []func() (string, int)
	for k, v := range m {
		k, v := k, v // want `^copying the loop variables k, v is unneeded`
		fns = append(fns, func() (string, int) { return k, v })
	}
	return fns
}

func Reversed(m map[string]int) []func() (int, string) {
	var fns []func() (int, string)
	for k, v := range m {
		v, k := v, k // want `copying the loop variables v, k is unneeded`
		fns = append(fns, func() (int, string) { return v, k })
	}
	return fns
}

func OneByOne(m map[string]int) []func() string {
	var fns []func() string
	for k, v := range m {
		k := k // want `copying the loop variable k is unneeded`
		v := v // want `copying the loop variable v is unneeded`
		fns = append(fns, func() string { return k + string(rune(v)) })
	}
	return fns
}
