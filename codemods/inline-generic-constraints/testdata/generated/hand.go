package generated

// number is used by a generated file too.
type number interface{ ~int | ~float64 }

func Double[T number](v T) T { return 2 * v }

func Triple[T genNumber](v T) T { return 3 * v }

// Exported constraints are left alone by default, so Real stays named wherever it is used.
type Real interface{ ~float32 | ~float64 }

func Half[T Real](v T) T { return v / 2 }

// local is used here only: it is inlined and deleted.
type local interface{ ~uint | ~uint64 }

func Quarter[T local](v T) T { return v / 4 } // want "constraint local can be inlined as ~uint \\| ~uint64"
