package p

import (
	"slices"
	"sort"
)

func median(xs []int) int {
	ys := slices.Clone(xs)
	sort.Ints(ys) // want "slices.Sort"
	return ys[len(ys)/2]
}
