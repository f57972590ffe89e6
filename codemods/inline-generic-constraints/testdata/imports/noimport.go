package imports

import "fmt"

func UseDay[D day](d D) string { return fmt.Sprint(d) }
