module example.com/crlf

go 1.19 // want "^go 1\\.19 -> go 1\\.22; toolchain go1\\.20\\.1 dropped"

toolchain go1.20.1

require (
	golang.org/x/mod v0.14.0
	golang.org/x/text v0.14.0 // indirect
)
