package p

import (
	"errors"
	"fmt"
)

func check(n int) error {
	if n < 0 {
		return errors.New(fmt.Sprintf("negative: %d", n)) // want "fmt.Errorf"
	}
	if n == 0 {
		return errors.New(fmt.Sprintf("zero")) // want "fmt.Errorf"
	}
	return nil
}
