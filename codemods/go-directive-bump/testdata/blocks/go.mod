// Deprecated: use example.com/blocks/v2.
module example.com/blocks

go 1.18 // want "^go 1\\.18 -> go 1\\.22$"

godebug (
	default=go1.21
	panicnil=1
)

require (
	golang.org/x/mod v0.14.0
	golang.org/x/text v0.14.0 // indirect
)

require example.com/other v1.2.3

// Local fork until upstream merges the fix.
replace example.com/other v1.2.3 => ../other

replace example.com/spaced => "./dir with space"

exclude (
	example.com/bad v1.0.0
	example.com/bad v1.1.0
)

retract (
	[v1.1.0, v1.1.5] // broken build
	// Published by mistake.
	v1.0.1
)

tool golang.org/x/tools/cmd/stringer

ignore ./node_modules
