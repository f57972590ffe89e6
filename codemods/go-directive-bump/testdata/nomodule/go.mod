// No module line: the go line goes at the end, as go mod edit -go puts it.
require golang.org/x/mod v0.14.0 // want "^no go line .* -> go 1\\.22$"
