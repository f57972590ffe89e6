// A module without a go line: the go command assumes go 1.16.
module example.com/nogo // want "^no go line \\(go 1\\.16 implied\\) -> go 1\\.22$"

require golang.org/x/mod v0.14.0
