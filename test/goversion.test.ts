import { compareGoVersions, goLang, isValidGoVersion } from '../src/go/goversion.js';

// Orderings from $GOROOT/src/internal/gover/gover_test.go and the go command's docs.
test.each([
  ['1.21', '1.21rc1', -1],
  ['1.21rc1', '1.21.0', -1],
  ['1.21.0', '1.21.1', -1],
  ['1.21.1', '1.22', -1],
  ['1.21rc1', '1.21rc2', -1],
  ['1.21beta1', '1.21rc1', -1],
  ['1.21alpha1', '1.21beta1', -1],
  ['1.9', '1.10', -1],
  ['1.20', '1.20.0', 0], // before 1.21 a missing patch means .0
  ['1.19rc1', '1.19', -1],
  ['1', '1.0.0', 0],
  ['1.22', '1.22', 0],
  ['2', '1.99', 1],
  ['1.100', '1.99', 1],
])('compare(%s, %s) = %d', (a, b, want) => {
  expect(compareGoVersions(a, b)).toBe(want);
  expect(compareGoVersions(b, a)).toBe(-want || 0);
});

test.each(['1.x', 'go1.22', '1.22.', '01.22', '1.022', '1.21.3rc1', '', 'v1.22', '1.22-rc1'])('%j is invalid', (v) => {
  expect(isValidGoVersion(v)).toBe(false);
  expect(() => compareGoVersions(v, '1.22')).toThrow(/invalid Go version/);
});

test.each([
  ['1.21.3', '1.21'],
  ['1.22rc1', '1.22'],
  ['1.0', '1'],
  ['1', '1'],
])('lang(%s) = %s', (v, want) => expect(goLang(v)).toBe(want));
