module example.com/kept

go 1.21 // want "^go 1\\.21 -> go 1\\.22$"

toolchain go1.23.1
