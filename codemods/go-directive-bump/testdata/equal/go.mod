module example.com/equal

go 1.22

toolchain go1.21.5
