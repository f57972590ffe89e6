module example.com/pkgimport

go 1.22
