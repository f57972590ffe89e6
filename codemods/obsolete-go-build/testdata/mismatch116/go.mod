module example.com/mismatch116

go 1.16
