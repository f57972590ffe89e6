//go:build linux && !go1.21

package deadand

const Old = true

// want:1 `^dead file`
