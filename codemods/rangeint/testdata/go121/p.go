package p

func F(n int) (sum int) {
	for i := 0; i < n; i++ {
		sum += i
	}
	return sum
}
