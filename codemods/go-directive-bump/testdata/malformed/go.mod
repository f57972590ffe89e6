module example.com/malformed

go 1.x // want "^malformed go\\.mod, not changed: invalid go version .1\\.x.: must match format 1\\.23\\.0$"
