package otherfile

func F(xs []int) (sum int) {
	for i := 0; i < N; i++ {
		sum += i
	}
	for i := 0; i < len(xs); i++ {
		sum += xs[i]
	}
	return sum
}
