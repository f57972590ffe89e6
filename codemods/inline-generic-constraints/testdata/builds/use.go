package builds

func Twice[T number](v T) T { return 2 * v }
