module example.com/raised

go 1.21
