module example.com/newer

go 1.23.4

toolchain go1.22.0
