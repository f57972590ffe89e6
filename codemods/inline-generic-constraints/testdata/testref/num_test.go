package testref

import (
	"fmt"
	"testing"
)

type shownNumber interface {
	number
	fmt.Stringer
}

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func show[T shownNumber](v T) string { return Double(v).String() }

func TestShow(t *testing.T) {
	if got := show(celsius(1.5)); got != "3.0°C" {
		t.Error(got)
	}
}
