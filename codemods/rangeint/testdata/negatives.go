package negatives

import (
	"fmt"
	"strings"
)

type box struct{ n int }

var global = 10

const Float = 1e3

const Rune = 'z'

func bump(p *int) { *p++ }

func fill(xs []int) []int { return append(xs, 1) }

func IndexChanged(n int) {
	for i := 0; i < n; i++ {
		fmt.Println(i)
		i += 2
	}
	for i := 0; i < n; i++ {
		i++
	}
	for i := 0; i < n; i++ {
		bump(&i)
	}
	for i := 0; i < n; i++ {
		func() { i = n }()
	}
}

func LimitChanged(n int, xs []int) {
	for i := 0; i < n; i++ {
		n--
	}
	m := n
	grow := func() { m++ }
	for i := 0; i < m; i++ {
		grow()
	}
	k := n
	p := &k
	for i := 0; i < k; i++ {
		*p = 0
	}
	for i := 0; i < len(xs); i++ {
		xs = append(xs, i)
	}
}

func LimitNotLocal(b box, f func() int, xs []int) {
	for i := 0; i < b.n; i++ {
		fmt.Println(i)
	}
	for i := 0; i < f(); i++ {
		fmt.Println(i)
	}
	for i := 0; i < global; i++ {
		fmt.Println(i)
	}
	for i := 0; i < xs[0]; i++ {
		fmt.Println(i)
	}
}

// len of a map or a channel changes without assigning the variable (a call may delete
// from a map that others share); a variable of unknown type may be either.
func LenOfUnknown(m map[int]int, ch chan int, ys []int, text string) {
	for i := 0; i < len(m); i++ {
		m[i+100] = i
	}
	for i := 0; i < len(ch); i++ {
		fmt.Println(<-ch)
	}
	zs := fill(ys)
	for i := 0; i < len(zs); i++ {
		zs = fill(zs)
	}
	ws := strings.Fields(text)
	for i := 0; i < len(ws); i++ {
		fmt.Println(ws[i])
	}
}

func OtherShapes(n int) {
	for i := 0; i <= n; i++ {
		fmt.Println(i)
	}
	for i := 1; i < n; i++ {
		fmt.Println(i)
	}
	for i := 0; i < n; i += 1 {
		fmt.Println(i)
	}
	for i := 0; n > i; i++ {
		fmt.Println(i)
	}
	for i := 0; i < n-i; i++ {
		fmt.Println(i)
	}
	for i := 0; i < n; /* step */ i++ {
		fmt.Println(i)
	}
}

// The limit's type would change: Float is an untyped float constant, Rune a rune.
func Types(n uint) {
	for i := 0; i < Float; i++ {
		fmt.Println(i)
	}
	for i := 0; i < Rune; i++ {
		fmt.Println(i)
	}
	for i := int8(0); i < 1<<n; i++ {
		fmt.Println(i)
	}
}

// int8 is not the predeclared type here.
func Shadowed() {
	type int8 = int16
	for i := int8(0); i < 10; i++ {
		fmt.Println(i)
	}
}
