module example.com/older

go 1.17 // want "^go 1\\.17 -> go 1\\.22$"
