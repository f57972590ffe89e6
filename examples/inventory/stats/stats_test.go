package stats

import "testing"

type cents int64

func TestMax(t *testing.T) {
	if got, ok := Max([]int{3, 9, 2}); !ok || got != 9 {
		t.Errorf("Max = %v, %v; want 9, true", got, ok)
	}
	if _, ok := Max([]float64(nil)); ok {
		t.Error("Max(nil) reported a value")
	}
}

func TestSumMean(t *testing.T) {
	if got := Sum([]cents{150, 250}); got != 400 {
		t.Errorf("Sum = %d; want 400", got)
	}
	if got := Mean([]int{1, 2, 3, 4}); got != 2.5 {
		t.Errorf("Mean = %v; want 2.5", got)
	}
}
