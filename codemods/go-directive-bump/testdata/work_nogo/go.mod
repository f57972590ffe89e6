module example.com/worknogo

go 1.22
