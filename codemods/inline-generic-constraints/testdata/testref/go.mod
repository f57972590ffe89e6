module example.com/testref

go 1.22
