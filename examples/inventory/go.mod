module example.com/inventory

go 1.21

require example.com/vendored v0.0.0

replace example.com/vendored => ./_vendored-src
