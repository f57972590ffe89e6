//go:build windows
// +build windows

package legacy

// Newline ends a line in the text files of this platform.
const Newline = "\r\n"
