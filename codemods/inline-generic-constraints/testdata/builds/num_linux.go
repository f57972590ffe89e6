package builds

// number is declared once per build: which declaration a use means depends on the build,
// so it is left alone.
type number interface{ ~int | ~int64 }
