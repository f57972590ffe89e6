module example.com/pkgshadow

go 1.22
