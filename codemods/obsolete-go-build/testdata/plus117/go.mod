module example.com/plus117

go 1.21
