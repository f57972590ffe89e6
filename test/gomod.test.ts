/**
 * The go.mod / go.work parser (src/go/gomod.ts): structure, positions, malformed files with the
 * go command's messages and positions (checked against `go mod edit -fmt` / `go work edit
 * -fmt` where Go is installed), and the edit helpers. The corpus test against the go command's
 * own modfile package is in test/go-directive-bump.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits } from '../src/go/edits.js';
import {
  addGoStmtEdit,
  eolOf,
  formatModDiagnostic,
  formatModDiagnosticAsGo,
  goQuote,
  parseModFile,
  removeStmtEdit,
  semverCompare,
  setGoVersionEdit,
  toolchainRedundant,
  toolchainVersion,
  unquoteGo,
  type ModBlock,
  type ModFileKind,
  type ModLine,
} from '../src/go/gomod.js';
import { readGoDirective } from '../src/run/workspace.js';
import { haveGo } from './helpers/go-tool.js';

const goAvailable = haveGo();
const goTest = goAvailable ? test : test.skip;
const scratch = mkdtempSync(join(tmpdir(), 'gocodemod-gomod-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let seq = 0;

/** The go command's complaints about a go.mod / go.work, as `name:line[:col]: message` lines. */
function goComplaints(kind: ModFileKind, source: string): string[] {
  const dir = join(scratch, String(seq++));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, kind), source);
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOTELEMETRY: 'off', ...(kind === 'go.mod' ? { GOFLAGS: '-mod=mod', GOWORK: 'off' } : { GOFLAGS: '', GOWORK: join(dir, 'go.work') }) };
  const r = spawnSync('go', [kind === 'go.mod' ? 'mod' : 'work', 'edit', '-fmt'], { cwd: dir, env, encoding: 'utf8' });
  if (r.status === 0) return [];
  // "go: errors parsing go.mod:" (go.work: twice) then one line per error (an error may span lines).
  return r.stderr
    .replace(/^(?:(?:go: )?errors parsing [^\n]*:\n)+/, '')
    .replaceAll(join(dir, kind), kind)
    .replace(/\n$/, '')
    .split(/\n(?=go\.(?:mod|work):)/);
}

const texts = (ts: { text: string }[]) => ts.map((t) => t.text);

describe('structure', () => {
  const src = `// Deprecated: use example.com/m/v2.
module example.com/m

go 1.21 // language

toolchain go1.22.3

godebug panicnil=1

godebug (
	default=go1.21
	// why
	http2client=0
)

require golang.org/x/mod v0.14.0

require (
	golang.org/x/text v0.14.0 // indirect
	"golang.org/x/tools" v0.1.0 // indirect; used by tests

	example.com/x/v2 v2.1.0
)

exclude example.com/bad v1.0.0

replace example.com/a => ../a

replace example.com/b v1.2.3 => example.com/c v1.4.0

replace (
	example.com/d v1.0.0 => "./dir with space"
	example.com/e => example.com/f v1.0.0
)

// Published by mistake.
retract v1.0.1

retract (
	[v1.1.0, v1.1.5] // broken build
	v1.0.0
)

tool golang.org/x/tools/cmd/stringer

ignore (
	./node_modules
	static
)
`;
  const f = parseModFile(src);

  test('no diagnostics, every directive read', () => {
    expect(f.diagnostics).toEqual([]);
    expect(f.syntaxOk).toBe(true);
    expect(f.module).toMatchObject({ path: 'example.com/m', deprecated: 'use example.com/m/v2.' });
    expect(f.go?.version).toBe('1.21');
    expect(f.toolchain?.name).toBe('go1.22.3');
    expect(f.godebug.map((g) => [g.key, g.value])).toEqual([['panicnil', '1'], ['default', 'go1.21'], ['http2client', '0']]);
    expect(f.require.map((r) => [r.path, r.version, r.indirect])).toEqual([
      ['golang.org/x/mod', 'v0.14.0', false],
      ['golang.org/x/text', 'v0.14.0', true],
      ['golang.org/x/tools', 'v0.1.0', true],
      ['example.com/x/v2', 'v2.1.0', false],
    ]);
    expect(f.exclude.map((e) => [e.path, e.version])).toEqual([['example.com/bad', 'v1.0.0']]);
    expect(f.replace.map((r) => [r.oldPath, r.oldVersion, r.newPath, r.newVersion])).toEqual([
      ['example.com/a', '', '../a', ''],
      ['example.com/b', 'v1.2.3', 'example.com/c', 'v1.4.0'],
      ['example.com/d', 'v1.0.0', './dir with space', ''],
      ['example.com/e', '', 'example.com/f', 'v1.0.0'],
    ]);
    expect(f.retract.map((r) => [r.low, r.high, r.rationale])).toEqual([
      ['v1.0.1', 'v1.0.1', 'Published by mistake.'],
      ['v1.1.0', 'v1.1.5', 'broken build'],
      ['v1.0.0', 'v1.0.0', ''],
    ]);
    expect(f.tool.map((t) => t.path)).toEqual(['golang.org/x/tools/cmd/stringer']);
    expect(f.ignore.map((t) => t.path)).toEqual(['./node_modules', 'static']);
  });

  test('statements, blocks and comments as modfile attaches them', () => {
    expect(f.stmts.map((s) => (s.type === 'comments' ? '#' : `${s.type}:${s.tokens[0].text}`))).toEqual([
      'line:module', 'line:go', 'line:toolchain', 'line:godebug', 'block:godebug', 'line:require', 'block:require',
      'line:exclude', 'line:replace', 'line:replace', 'block:replace', 'line:retract', 'block:retract', 'line:tool', 'block:ignore',
    ]);
    const mod = f.stmts[0] as ModLine;
    expect(mod.before.map((c) => c.text)).toEqual(['// Deprecated: use example.com/m/v2.']);
    expect(f.go!.line.suffix.map((c) => [c.text, c.suffix])).toEqual([['// language', true]]);
    const req = f.stmts[6] as ModBlock;
    expect(req.lines.map((l) => [l.inBlock, texts(l.tokens)])).toEqual([
      [true, ['golang.org/x/text', 'v0.14.0']],
      [true, ['"golang.org/x/tools"', 'v0.1.0']],
      [true, ['example.com/x/v2', 'v2.1.0']],
    ]);
    // A blank line inside a block is kept as an empty comment before the next line.
    expect(req.lines[2].before).toEqual([{ text: '', start: -1, suffix: false }]);
    expect(req.lines[1].suffix.map((c) => c.text)).toEqual(['// indirect; used by tests']);
    const gd = f.stmts[4] as ModBlock;
    expect(gd.lines[1].before.map((c) => c.text)).toEqual(['// why']);
  });

  test('positions: UTF-16 offsets, 1-based lines, byte and rune columns', () => {
    const go = f.go!.line;
    const at = src.indexOf('go 1.21');
    expect(go.start).toEqual({ offset: at, line: 4, col: 1, runeCol: 1 });
    expect(go.end).toEqual({ offset: at + 'go 1.21'.length, line: 4, col: 8, runeCol: 8 });
    expect(go.tokens.map((t) => [t.text, src.slice(t.start, t.end)])).toEqual([['go', 'go'], ['1.21', '1.21']]);
    expect(src.slice(go.eolEnd - 1, go.eolEnd)).toBe('\n');
    expect(src.slice(go.start.offset, go.eolEnd)).toBe('go 1.21 // language\n');
    const line = (f.stmts[6] as ModBlock).lines[0];
    expect(line.start).toMatchObject({ line: 19, col: 2, runeCol: 2 });
  });

  test('non-ASCII text: offsets are UTF-16, col counts bytes, runeCol runes', () => {
    const s = '// 🚀 é\nmodule é/🚀 // ü\ngo 1.22\n';
    const g = parseModFile(s);
    expect(g.diagnostics).toEqual([]);
    expect(g.module!.path).toBe('é/🚀');
    const t = g.module!.line.tokens[1];
    expect(s.slice(t.start, t.end)).toBe('é/🚀');
    expect(g.module!.line.end).toEqual({ offset: t.end, line: 2, col: 8 + 2 + 1 + 4, runeCol: 8 + 3 });
    expect(g.go!.line.start).toEqual({ offset: s.indexOf('go 1.22'), line: 3, col: 1, runeCol: 1 });
  });

  test('CRLF: comments without \\r, terminators included in eolEnd', () => {
    const s = 'module m\r\n\r\ngo 1.17 // c\r\n\r\nrequire (\r\n\tx.org/a v1.0.0\r\n)\r\n';
    const g = parseModFile(s);
    expect(g.diagnostics).toEqual([]);
    expect(g.go!.line.suffix[0].text).toBe('// c');
    expect(s.slice(g.go!.line.start.offset, g.go!.line.eolEnd)).toBe('go 1.17 // c\r\n');
    expect(g.require[0]).toMatchObject({ path: 'x.org/a', version: 'v1.0.0' });
    expect(eolOf(s)).toBe('\r\n');
    expect(eolOf('module m\n')).toBe('\n');
  });

  test('quoted paths are unquoted as Go does; versions canonicalized as modfile does', () => {
    const g = parseModFile('module "example.com/\\u00e9"\n\nrequire "x.org/\\x61" v1.2\n\nrequire x.org/b v1.0.0+incompatible\n');
    expect(g.diagnostics).toEqual([]);
    expect(g.module!.path).toBe('example.com/é');
    expect(g.require.map((r) => [r.path, r.version])).toEqual([['x.org/a', 'v1.2.0'], ['x.org/b', 'v1.0.0+incompatible']]);
  });

  test('go.work: go, toolchain, godebug, use, replace', () => {
    const w = parseModFile('go 1.22\n\ntoolchain go1.23.0\n\ngodebug default=go1.21\n\nuse ./a\n\nuse (\n\t./b // b\n\t"./c d"\n)\n\nreplace x.org/a => ./a\n', { kind: 'go.work' });
    expect(w.diagnostics).toEqual([]);
    expect(w.go?.version).toBe('1.22');
    expect(w.toolchain?.name).toBe('go1.23.0');
    expect(w.godebug.map((g) => g.key)).toEqual(['default']);
    expect(w.use.map((u) => u.path)).toEqual(['./a', './b', './c d']);
    expect(w.replace.map((r) => r.newPath)).toEqual(['./a']);
    expect(w.kind).toBe('go.work');
  });

  test('an empty file and a comment-only file', () => {
    expect(parseModFile('')).toMatchObject({ stmts: [], diagnostics: [], syntaxOk: true });
    const c = parseModFile('// a\n// b\n\n// c\n');
    expect(c.stmts.map((s) => [s.type, s.before.map((x) => x.text)])).toEqual([
      ['comments', ['// a', '// b']],
      ['comments', ['// c']],
    ]);
  });
});

// Each malformed input with the diagnostics the go command prints (name:line[:runeCol]: message).
const malformed: [string, ModFileKind, string, string[]][] = [
  ['control character', 'go.mod', 'module m\u0001\n', ["go.mod:1:9: unexpected input character '\\x01'"]],
  ['zero-width space', 'go.mod', 'module m\n\u200b\n', ["go.mod:2: unexpected input character '\\u200b'"]],
  ['byte order mark', 'go.mod', '\ufeffmodule m\n', ["go.mod:1: unexpected input character '\\ufeff'"]],
  ['block comment after non-ASCII', 'go.mod', 'module é /* x */\n', ['go.mod:1:10: mod files must use // comments (not /* */ comments)']],
  ['unterminated block', 'go.mod', 'module m\n\nrequire (\n\tx.org/a v1.0.0\n', ['go.mod:5: syntax error (unterminated block started at go.mod:3:1)']],
  ['text after )', 'go.mod', 'module m\n\nrequire (\n\tx.org/a v1.0.0\n) x\n', ['go.mod:5:4: syntax error (expected newline after closing paren)']],
  ['newline in string', 'go.mod', 'module "m\n', ['go.mod:1:10: unexpected newline in string']],
  ['EOF in string', 'go.mod', 'module "m', ['go.mod:1:8: unexpected EOF in string']],
  ['vertical tab', 'go.mod', 'module m\n\u000bgo\n', ["go.mod:2: unexpected input character '\\v'"]],
  [
    'directive errors, all of them, in order',
    'go.mod',
    'module m\ngo\nrequire x.org/a v1\nrequire x.org/a/v2 v1.0.0\nfoo bar\ngo (\n 1.2\n)\nrequire x y (\n)\n',
    [
      'go.mod:2: go directive expects exactly one argument',
      'go.mod:4: require x.org/a/v2: version "v1.0.0" invalid: should be v2, not v1',
      'go.mod:5: unknown directive: foo',
      'go.mod:6: unknown block type: go',
      'go.mod:9: unknown block type: require x y',
    ],
  ],
  [
    'one of each directive error',
    'go.mod',
    'module m\nrequire x.org/a v2.0.0\nrequire "x.org/a\\q" v1.0.0\nrequire x"y v1.0.0\nreplace a => b\nreplace a v1 => b v1.0.0\nreplace a => ./b v1.0.0\nreplace a => b@v1\nretract [v1.0.0, v1.1.0\nretract v1 extra\ntool a b\ngodebug x\ngodebug "a=b"\ntoolchain 1.21\ntoolchain go1.21 x\nmodule n\nignore\n',
    [
      'go.mod:2: require x.org/a: version "v2.0.0" invalid: should be v0 or v1, not v2',
      'go.mod:3: invalid quoted string: invalid syntax',
      'go.mod:4: invalid quoted string: unquoted string cannot contain quote',
      'go.mod:5: replacement module without version must be directory path (rooted or starting with . or ..)',
      'go.mod:7: replacement module directory path "./b" cannot have version',
      "go.mod:8: replacement module must match format 'path version', not 'path@version'",
      "go.mod:9: expected ']' after version",
      'go.mod:10: unexpected token after version: "extra"',
      'go.mod:11: tool directive expects exactly one argument',
      'go.mod:12: usage: godebug key=value',
      'go.mod:13: usage: godebug key=value',
      "go.mod:14: invalid toolchain version '1.21': must match format go1.23.0 or default",
      'go.mod:15: toolchain directive expects exactly one argument',
      'go.mod:16: repeated module statement',
      'go.mod:17: ignore directive expects exactly one argument',
    ],
  ],
  [
    'module path and major version checks, in a block (column 2)',
    'go.mod',
    'module m\nrequire (\n\tx.org/a v2.0.0\n\tx.org/b/v1 v1.0.0\n\tx.org/c/v2.1 v2.0.0\n\tgopkg.in/yaml.v2 v1.0.0\n\tgopkg.in/yaml v1.0.0\n\tx.org/d v2.0.0+incompatible\n\tgopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405\n\tx.org/e v1.0.0-bad..x\n)\n',
    [
      'go.mod:3:2: require x.org/a: version "v2.0.0" invalid: should be v0 or v1, not v2',
      'go.mod:4:2: invalid module path',
      'go.mod:5:2: invalid module path',
      'go.mod:6:2: require gopkg.in/yaml.v2: version "v1.0.0" invalid: should be v2, not v1',
      'go.mod:7:2: invalid module path',
      'go.mod:10:2: require x.org/e: version "v1.0.0-bad..x" invalid: must be of the form v1.2.3',
    ],
  ],
  [
    'replace and retract shapes',
    'go.mod',
    'module m\nreplace x.org/a/v1 => ../a\nreplace a => c:\\\\x\nreplace a v1.0.0 => b v2\nretract (\n\tv1.0.0 // bad\n\t[v1.0.0,v1.2.0]\n\t[ v1.0.0 ]\n\t( v1 )\n)\nretract [v1.0.0 v1.2.0]\nretract [\nretract [v1,\nreplace a\n',
    [
      'go.mod:2: replace x.org/a/v1: invalid module path',
      'go.mod:3: replacement directory appears to be Windows path (on a non-windows system)',
      "go.mod:8:2: expected ',' after version",
      "go.mod:9:2: expected '[' or version",
      "go.mod:11: expected ',' after version",
      "go.mod:12: expected version after '['",
      "go.mod:13: expected version after ','",
      'go.mod:14: usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory',
    ],
  ],
  [
    'repeated go and toolchain lines, empty module',
    'go.mod',
    'go 1.21.0rc1\ngo 1.22\ntoolchain default\ntoolchain go1.22\nmodule\nmodule (\n)\nmodule ( a )\n',
    ['go.mod:2: repeated go statement', 'go.mod:4: repeated toolchain statement', 'go.mod:5: usage: module module/path', 'go.mod:8: repeated module statement'],
  ],
  ['raw strings and stray parens', 'go.mod', 'module m\n\n`raw` "x" a(b)c\nx ( y\n', ['go.mod:3: unknown directive: `raw`', 'go.mod:4: unknown directive: x']],
  ['escaped newline inside a quoted path', 'go.mod', 'module m\nrequire (\n\t"x\\\nyz" v1.0.0\n)\n', ['go.mod:3:2: invalid quoted string: invalid syntax']],
  ['CRLF', 'go.mod', 'module m\r\ngo 1.2x\r\n', ["go.mod:2: invalid go version '1.2x': must match format 1.23.0"]],
  ['go.mod directive in a go.work', 'go.work', 'go 1.21\nmodule m\ngodebug x=y\nrequire a v1.0.0\nuse\nuse a b\nuse (\n\t"./x\\q"\n)\ntoolchain go1.21 go1.22\nreplace a => b\nretract v1\n', [
    'go.work:2: unknown directive: module',
    'go.work:4: unknown directive: require',
    'go.work:5: usage: use local/dir',
    'go.work:6: usage: use local/dir',
    'go.work:8:2: invalid quoted string: invalid syntax',
    'go.work:10: toolchain directive expects exactly one argument',
    'go.work:11: replacement module without version must be directory path (rooted or starting with . or ..)',
    'go.work:12: unknown directive: retract',
  ]],
  ['go.work block types', 'go.work', 'go (\n\t1.22\n)\nrequire (\n\tx v1.0.0\n)\n', ['go.work:1: unknown block type: go', 'go.work:4: unknown block type: require']],
];

describe.each(malformed.map(([name, kind, src, want]) => [name, kind, src, want] as const))('malformed: %s', (_name, kind, src, want) => {
  test('diagnostics with the go command\'s positions and messages', () => {
    const f = parseModFile(src, { kind });
    expect(f.diagnostics.map((d) => formatModDiagnosticAsGo(d, kind))).toEqual(want);
  });

  goTest('the go command says the same', () => {
    expect(goComplaints(kind, src)).toEqual(want);
  });
});

test('gocodemod prints byte columns; the go command rune columns', () => {
  const [d] = parseModFile('module é /* x */\n').diagnostics;
  expect(d.pos).toEqual({ offset: 9, line: 1, col: 11, runeCol: 10 });
  expect(formatModDiagnostic(d, 'a/go.mod')).toBe('a/go.mod:1:11: mod files must use // comments (not /* */ comments)');
  expect(formatModDiagnosticAsGo(d, 'a/go.mod')).toBe('a/go.mod:1:10: mod files must use // comments (not /* */ comments)');
  // The file name option appears inside the unterminated-block message, as in the go command's.
  expect(parseModFile('require (\n', { path: 'x/go.mod' }).diagnostics[0].message).toBe('syntax error (unterminated block started at x/go.mod:1:1)');
});

test('directives that parse are kept when others do not (for lax readers)', () => {
  const f = parseModFile('module m\n\ngo 1.21\n\nrequire x.org/a v2.0.0\n');
  expect(f.diagnostics).toHaveLength(1);
  expect(f.go?.version).toBe('1.21');
  expect(f.module?.path).toBe('m');
});

test('never throws, whatever the input', () => {
  const alphabet = ['module', 'go', 'toolchain', 'require', 'replace', 'retract', 'use', ' ', '\t', '\n', '\r\n', '(', ')', '[', ']', ',', '"', '`', '\\', '//', '/*', '=>', 'v1.0.0', '1.22', 'é', '🚀', 'x.org/a', '\u0000', '\u200b'];
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    let s = '';
    for (let k = rand(40); k > 0; k--) s += alphabet[rand(alphabet.length)];
    for (const kind of ['go.mod', 'go.work'] as const) {
      const f = parseModFile(s, { kind });
      for (const d of f.diagnostics) {
        expect(d.pos.offset).toBeGreaterThanOrEqual(0);
        expect(d.pos.offset).toBeLessThanOrEqual(s.length);
        expect(d.pos.line).toBeGreaterThanOrEqual(1);
      }
    }
  }
});

describe('edit helpers', () => {
  const apply = (src: string, edit: { start: number; end: number; text: string }) => applyEdits(src, [edit]);

  test('setGoVersionEdit replaces only the version token', () => {
    const src = 'module m\n\ngo   1.17   // c\n';
    expect(apply(src, setGoVersionEdit(parseModFile(src).go!, '1.22'))).toBe('module m\n\ngo   1.22   // c\n');
  });

  test.each([
    ['module m\n', 'module m\n\ngo 1.22\n'],
    ['module m', 'module m\n\ngo 1.22\n'],
    ['module m // c\n\nrequire x.org/a v1.0.0\n', 'module m // c\n\ngo 1.22\n\nrequire x.org/a v1.0.0\n'],
    ['module m\nrequire x.org/a v1.0.0\n', 'module m\n\ngo 1.22\n\nrequire x.org/a v1.0.0\n'],
    ['module (\n\tm\n\t// c\n)\n', 'module (\n\tm\n\t// c\n)\n\ngo 1.22\n'],
    ['module m\r\n\r\nrequire x.org/a v1.0.0\r\n', 'module m\r\n\r\ngo 1.22\r\n\r\nrequire x.org/a v1.0.0\r\n'],
    ['require x.org/a v1.0.0\n\n// end  \n\n\n', 'require x.org/a v1.0.0\n\n// end  \n\ngo 1.22\n'],
    ['', 'go 1.22\n'],
    ['\n\n', 'go 1.22\n'],
  ])('addGoStmtEdit(go.mod %j)', (src, want) => {
    expect(apply(src, addGoStmtEdit(parseModFile(src), '1.22'))).toBe(want);
  });

  test.each([
    ['use ./a\n', 'go 1.22\n\nuse ./a\n'],
    ['// ws\n\n// a\nuse ./a\n', '// ws\n\ngo 1.22\n\n// a\nuse ./a\n'],
    ['// only a comment\n', '// only a comment\n\ngo 1.22\n'],
    ['', 'go 1.22\n'],
  ])('addGoStmtEdit(go.work %j)', (src, want) => {
    expect(apply(src, addGoStmtEdit(parseModFile(src, { kind: 'go.work' }), '1.22'))).toBe(want);
  });

  test.each([
    ['go 1.22\n\ntoolchain go1.21.0\n', 'go 1.22\n'],
    ['go 1.22\n\ntoolchain go1.21.0\n\nrequire x.org/a v1.0.0\n', 'go 1.22\n\nrequire x.org/a v1.0.0\n'],
    ['go 1.22\n\n// about it\ntoolchain go1.21.0 // sfx\n\n// c\n', 'go 1.22\n\n// c\n'],
    ['go 1.22\ntoolchain go1.21.0\nrequire x.org/a v1.0.0\n', 'go 1.22\nrequire x.org/a v1.0.0\n'],
    ['toolchain go1.21.0\n\ngo 1.22\n', 'go 1.22\n'],
    ['go 1.22\r\n\r\ntoolchain go1.21.0\r\n\r\nuse ./a\r\n', 'go 1.22\r\n\r\nuse ./a\r\n'],
    ['go 1.22\n\ntoolchain go1.21.0', 'go 1.22\n'],
  ])('removeStmtEdit(toolchain of %j)', (src, want) => {
    const f = parseModFile(src);
    expect(apply(src, removeStmtEdit(f, f.toolchain!.line))).toBe(want);
  });
});

test.each([
  ['go1.21.3', '1.21.3'],
  ['go1.22.1-custom', '1.22.1'],
  ['go1.22rc1', '1.22rc1'],
  ['go1.22', '1.22'],
  ['default', ''],
  ['go1.2x', '1.2x'], // gover takes any lower-case letters as a pre-release kind
  ['go1.x', ''],
  ['go1.22/x', ''],
  ['1.22', ''],
])('toolchainVersion(%j) = %j (gover.FromToolchain)', (name, want) => {
  expect(toolchainVersion(name)).toBe(want);
});

test.each([
  // What go get go@V / go work use do to a toolchain line when they raise the go line to V.
  ['go1.21.5', '1.22', true],
  ['go1.22', '1.22', true],
  ['go1.22.0', '1.22', false],
  ['go1.22rc1', '1.22', false],
  ['go1.22.0', '1.22.0', true],
  ['go1.22.0-custom', '1.22.0', false],
  ['go1.22rc1', '1.22.0', true],
  ['go1.23.1', '1.22', false],
  ['default', '1.22', true],
  ['go1.20.5', '1.20', true], // older than Go 1.21, which introduced the line
  ['go1.21.0', '1.20', false],
])('toolchainRedundant(%j, %j) = %j', (tc, go, want) => {
  expect(toolchainRedundant(tc, go)).toBe(want);
});

test.each([
  ['v1.9.0', 'v1.10.0', -1],
  ['v1.0.0-alpha', 'v1.0.0', -1],
  ['v1.0.0-alpha.1', 'v1.0.0-alpha.beta', -1],
  ['v1.0.0-beta.2', 'v1.0.0-beta.11', -1],
  ['v1.2', 'v1.2.0', 0],
  ['v1.0.0+meta', 'v1.0.0', 0],
  ['bad', 'v0.0.0', -1],
  ['bad', 'worse', 0],
])('semverCompare(%j, %j) = %d', (a, b, want) => {
  expect(semverCompare(a, b)).toBe(want);
  expect(semverCompare(b, a)).toBe(-want || 0);
});

test.each([
  ['"abc"', 'abc'],
  ['"a\\tb\\"c\\\\"', 'a\tb"c\\'],
  ['"\\u00e9\\U0001F680\\x41\\101"', 'é🚀AA'],
  ['"a\\qb"', undefined],
  ['"a"b"', undefined],
  ['"\\ud800"', undefined],
  ['"\\400"', undefined],
  ["'a'", undefined],
])('unquoteGo(%j)', (s, want) => {
  expect(unquoteGo(s)).toBe(want);
});

test('goQuote is strconv.Quote', () => {
  expect(goQuote('a"b\\c\n\u0001é🚀\u200b')).toBe('"a\\"b\\\\c\\n\\x01é🚀\\u200b"');
});

describe('readGoDirective (workspace) reads through the parser', () => {
  test.each([
    ['module m\n\ngo 1.21 // c\n', { version: '1.21', line: 3 }],
    ['module m\n\nrequire (\n\tgo 1.99\n)\n\ngo 1.20\n', { version: '1.20', line: 7 }],
    ['module m\n', {}],
    ['module m\r\n\r\ngo 1.22\r\n', { version: '1.22', line: 3 }],
    // A bad requirement does not hide the go version.
    ['module m\n\ngo 1.21\n\nrequire x.org/a v2.0.0\n', { version: '1.21', line: 3 }],
    ['module m\n\ngo 1.21\ngo 1.22\n', { line: 4, problem: 'repeated go statement' }],
    ['module m\n\ngo (\n\t1.21\n)\n', { line: 3, problem: 'unknown block type: go' }],
    ['module m\n\ngo 1.21.0rc1\n', { line: 3, problem: "invalid go version '1.21.0rc1': must match format 1.23.0" }],
    ['module m\n\nrequire (\n\tx.org/a v1.0.0\n\ngo 1.21\n', { line: 7, problem: 'syntax error (unterminated block started at go.mod:3:1)' }],
    ['module m /* x */\n\ngo 1.21\n', { line: 1, problem: 'mod files must use // comments (not /* */ comments)' }],
  ])('%j', (src, want) => {
    expect(readGoDirective(src)).toEqual(want);
  });

  // The workspace parses only the go and module lines of a go.mod (checking a long require
  // list costs most of a parse): what it reads must be what a full parse reads.
  test.each([
    'module m\n\ngo 1.21 // c\n\nrequire (\n\tx.org/a v1.0.0\n\tx.org/b v2.0.0\n)\n',
    'module m\n\ngo 1.21\ngo 1.22\n',
    'module m\n\ngo (\n\t1.21\n)\n',
    'module m\n\ngo 1.21 (\n)\n',
    'module (\n\tm\n)\n\ngo 1.21\n',
    'module "m\\x"\n\ngo 1.21\n',
    'module m\nmodule n\n\ngo 1.21\nrequire x.org/a v2.0.0\nbogus x\n',
    'module m\n\nrequire (\n\tx.org/a v1.0.0\n\ngo 1.21\n',
  ])('only the go and module lines of %j read as in a full parse', (src) => {
    const full = parseModFile(src);
    const some = parseModFile(src, { directives: ['go', 'module'] });
    const ofLines = (f: typeof full) => ({
      syntaxOk: f.syntaxOk,
      go: f.go?.version,
      module: f.module?.path,
      diagnostics: f.diagnostics.filter((d) => f.stmts.some((s) => s.type !== 'comments' && ['go', 'module'].includes(s.tokens[0]?.text) && s.start.offset === d.pos.offset) || !f.syntaxOk),
    });
    expect(ofLines(some)).toEqual(ofLines(full));
  });
});
