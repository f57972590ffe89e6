/**
 * Rewrites that `gofmt -r` can express give byte-identical output to the real `gofmt -r`
 * (needs the Go toolchain). gofmt -r's wildcards are single lower-case letters; a rule's are
 * `$NAME`. The inputs are gofmt-clean, as gofmt -r's output always is.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runUnit } from '../src/engine/engine.js';
import { loadGofmt, type Gofmt } from '../src/engine/gofmt.js';
import { loadGoParser, type GoParser } from '../src/go/parser.js';
import { compileRuleCodemod } from '../src/rules/compile.js';
import { haveGo } from './helpers/go-tool.js';

const body = (lines: string) => `package p\n\nimport (\n\t"bytes"\n\t"errors"\n\t"fmt"\n\t"strings"\n)\n\nvar _ = bytes.Compare\nvar _ = errors.New\nvar _ = fmt.Sprint\nvar _ = strings.Index\n\nfunc f(a, b []byte, s, t string, x []int, n int) {\n${lines}\n}\n`;

/** [gofmt -r rule, pattern, replacement, input] */
const table: [string, string, string, string][] = [
  ['bytes.Compare(a, b) == 0 -> bytes.Equal(a, b)', 'bytes.Compare($A, $B) == 0', 'bytes.Equal($A, $B)', '\t_ = bytes.Compare(a, b) == 0\n\t_ = bytes.Compare(a[1:], b) == 0 && n > 0'],
  ['strings.Index(a, b) != -1 -> strings.Contains(a, b)', 'strings.Index($A, $B) != -1', 'strings.Contains($A, $B)', '\tif strings.Index(s, t) != -1 {\n\t\treturn\n\t}\n\t_ = strings.Index(s+t, "x") != -1'],
  ['a[b:len(a)] -> a[b:]', '$A[$B:len($A)]', '$A[$B:]', '\t_ = x[1:len(x)]\n\t_ = s[n:len(s)]\n\t_ = s[n:len(t)]'],
  ['a == a -> true', '$A == $A', 'true', '\t_ = n == n\n\t_ = x[0] == x[0]\n\t_ = n == 1'],
  ['a + 0 -> a', '$A + 0', '$A', '\t_ = n + 0 + 0\n\t_ = (n + 0) * 2'],
  ['len(a) -> a.Len()', 'len($A)', '$A.Len()', '\t_ = len(s + t)\n\t_ = len(x)\n\t_ = -len(x[1:])'],
  ['errors.New(fmt.Sprintf(a, b)) -> fmt.Errorf(a, b)', 'errors.New(fmt.Sprintf($A, $B))', 'fmt.Errorf($A, $B)', '\t_ = errors.New(fmt.Sprintf("n=%d", n))\n\t_ = errors.New(fmt.Sprintf("%s", s))'],
  ['interface{} -> any', 'interface{}', 'any', '\tvar v interface{} = n\n\tm := map[string]interface{}{"k": v}\n\t_ = m'],
  ['fmt.Sprint(a) -> fmt.Sprintf("%v", a)', 'fmt.Sprint($A)', 'fmt.Sprintf("%v", $A)', '\t_ = fmt.Sprint(n)\n\t_ = fmt.Sprint(x[1:], n)\n\t_ = fmt.Sprint(fmt.Sprint(s))'],
];

const goOk = haveGo();
let parser: GoParser;
let gofmt: Gofmt;
let dir: string;
beforeAll(async () => {
  parser = await loadGoParser();
  gofmt = await loadGofmt();
  dir = mkdtempSync(join(tmpdir(), 'gocodemod-gofmt-r-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

(goOk ? test.each : test.skip.each)(table)('gofmt -r %j', (rule, match, rewrite, lines) => {
  const input = body(lines);
  expect(execFileSync('gofmt', [], { input, encoding: 'utf8' })).toBe(input); // the input is gofmt-clean
  const file = join(dir, 'in.go');
  writeFileSync(file, input);
  const expected = execFileSync('gofmt', ['-r', rule, file], { encoding: 'utf8' });
  expect(expected).not.toBe(input); // gofmt -r did rewrite something
  const codemod = compileRuleCodemod({ id: 'r', description: rule, match, rewrite }, parser);
  const [outcome] = runUnit(parser, [{ codemod, options: {} }], [{ path: 'in.go', source: input, goVersion: '1.22', packageName: 'p' }], { gofmt });
  expect(outcome.errors).toEqual([]);
  expect(outcome.output).toBe(expected);
});
