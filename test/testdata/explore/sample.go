package sample

import "time"

// Age reports how long ago t was.
func Age(t time.Time) time.Duration {
	if t.IsZero() {
		return 0
	}
	return time.Now().Sub(t)
}

func broken() {
	x := call(1,
	y := 2 +* 3
}

var greeting, n = "héllo wörld, a string literal longer than the sixty characters shown", 1
