module example.com/plus116

go 1.16
