//go:build !linux

package builds

type number interface{ ~int | ~int32 }
