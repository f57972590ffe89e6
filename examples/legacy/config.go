package legacy

import (
	"bufio"
	"io"
	"io/ioutil"
	"strings"
)

// Config is a flat key=value configuration.
type Config struct {
	values map[string]interface{}
}

// ParseConfig reads key=value lines; blank lines and lines starting with #
// are ignored. Values "true" and "false" become bools.
func ParseConfig(r io.Reader) (*Config, error) {
	data, err := ioutil.ReadAll(r)
	if err != nil {
		return nil, err
	}
	c := &Config{values: make(map[string]interface{})}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.Index(line, "=")
		if i < 0 {
			continue
		}
		key, val := strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:])
		switch val {
		case "true":
			c.values[key] = true
		case "false":
			c.values[key] = false
		default:
			c.values[key] = val
		}
	}
	return c, sc.Err()
}

// Get returns the raw value of key.
func (c *Config) Get(key string) (interface{}, bool) {
	v, ok := c.values[key]
	return v, ok
}

// Keys returns the configured keys in order.
func (c *Config) Keys() []string { return SortedKeys(c.values) }
