package basic

import "fmt"

// number is every type Max, Sum and Pair accept.
// (Its doc comment goes with it.)
type number interface{ ~int | ~int64 | ~float64 }

// Max returns the larger of a and b.
func Max[T number](a, b T) T { // want "constraint number can be inlined as ~int \\| ~int64 \\| ~float64"
	if a > b {
		return a
	}
	return b
}

// Both: grouped parameters share one constraint, written once.
func Both[A, B number](a A, b B) float64 { return float64(a) + float64(b) } // want "constraint number can be inlined"

// Several parameters, one of them constrained by number.
func Sum[K comparable, V number](m map[K]V) V { // want "constraint number can be inlined"
	var total V
	for _, v := range m {
		total += v
	}
	return total
}

// Pair is a generic type: its parameter list is rewritten, the receivers of its methods
// declare type parameters without constraints and stay as they are.
type Pair[T number] struct{ First, Second T } // want "constraint number can be inlined"

func (p Pair[T]) Larger() T { return Max(p.First, p.Second) }

func (p *Pair[N]) Swap() { p.First, p.Second = p.Second, p.First }

func main() {
	// A local variable named like the constraint is another object.
	number := Pair[int]{1, 2}
	number.Swap()
	fmt.Println(number.Larger(), Both(1, 2.5), Sum(map[string]int{"a": 1}))
}
