module example.com/dropped

go 1.17 // want "^go 1\\.17 -> go 1\\.22; toolchain go1\\.21\\.5 dropped \\(not newer than go 1\\.22\\)$"

// Pinned for the release branch.
toolchain go1.21.5

require golang.org/x/mod v0.14.0
