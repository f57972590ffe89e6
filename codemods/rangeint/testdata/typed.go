package typed

const Limit = 100

func Int8() (sum int8) {
	for j := int8(0); j < 100; j++ { // want `^for loop can be modernized using range over int: for j := range int8\(100\)$`
		sum += j
	}
	return sum
}

func Uint(n uint) (sum uint) {
	for j := uint(0); j < n; j++ { // want `for j := range n$`
		sum += j
	}
	for j := uint(0); j < Limit; j++ { // want `for j := range uint\(Limit\)$`
		sum += j
	}
	return sum
}

func Int64(xs []int64) (sum int64) {
	for k := int64(0); k < 1<<10; k++ { // want `for k := range int64\(1<<10\)$`
		sum += k
	}
	return sum
}

func IntConversion() (sum int) {
	for k := int(0); k < 7; k++ { // want `for k := range 7$`
		sum += k
	}
	return sum
}

func Unused64(n int64, f func()) {
	for k := int64(0); k < n; k++ { // want `for range n$`
		f()
	}
}
