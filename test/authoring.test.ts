/**
 * What an author of a codemod of their own meets, through the CLI, with codemods in a
 * temporary folder outside the repository: load-time checks that point into the author's file,
 * crashes with their stack in the author's file (once per codemod), codemod files as plain
 * arguments, and `gocodemod new` (whose scaffold passes `test` and type-checks with tsc against
 * the types gocodemod emits).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliRun } from './helpers/cli.js';
import { haveGo } from './helpers/go-tool.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';
import { builtinCodemods } from '../src/registry/builtins.js';
import { builtinProblem } from '../src/registry/check-codemod.js';
import { defineCodemod } from '../src/go/codemod.js';

afterAll(cleanupTmpTrees);

const repo = join(import.meta.dirname, '..');
const GOMOD = 'module example.com/m\n\ngo 1.22\n';
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const columnOf = (text: string, needle: string, word: string) => text.split('\n')[lineOf(text, needle) - 1].indexOf(word) + 1;

describe('a query that does not compile is a usage error at load time, pointing into the author\'s file', () => {
  const BROKEN_TS = `import { captures, defineCodemod, fixer } from 'gocodemod';

export default defineCodemod({
  name: 'broken',
  description: 'has a typo in its query',
  query: \`
    (call_expression
      function: (selector_expression
        field: (field_identifer) @sel)) @call
  \`,
  run(ctx) {
    for (const m of ctx.matches()) {
      const { call } = captures(m);
      ctx.report({ start: call.startIndex, end: call.endIndex, message: 'x', fixes: [{ message: 'x', edits: [fixer.replace(call, 'x')] }] });
    }
  },
});
`;
  const GO = 'package m\n\nfunc f() { g.h() }\n';
  const message = (file: string, line: number, column: number) =>
    `gocodemod: ${file}:${line}:${column}: codemod broken: its query does not compile: unknown node type 'field_identifer' (did you mean 'field_identifier'?) (line 4, column 17 of the query)\n`;

  test('run, list and test all stop before reading a file: exit 2, the file:line:col of the typo', async () => {
    const dir = tmpTree({ 'go.mod': GOMOD, 'a.go': GO, 'mods/broken.ts': BROKEN_TS, 'mods/testdata/broken/a.go': GO });
    const want = message('mods/broken.ts', lineOf(BROKEN_TS, 'field_identifer'), columnOf(BROKEN_TS, 'field_identifer', 'field_identifer'));
    for (const argv of [['run', '--codemod', 'mods/broken.ts', '.'], ['run', '--write', '--codemod', 'mods/broken.ts', '.'], ['list', '--codemod', 'mods/broken.ts'], ['test', '--codemod', 'mods/broken.ts']]) {
      const r = await runCli(argv, dir);
      expect({ argv, ...r }).toEqual({ argv, code: 2, stdout: '', stderr: want });
    }
    expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe(GO);
  });

  test('a query kept in a helper file is found there; one built at run time is placed in the query alone', async () => {
    const helper = `// the queries of broken.ts\nexport const QUERY = '(call_expression function: (selector_expression field: (field_identifer) @sel)) @call';\n`;
    const dir = tmpTree({
      'helper.ts': BROKEN_TS.replace(/query: `[^`]*`/, 'query: QUERY').replace("from 'gocodemod';", "from 'gocodemod';\nimport { QUERY } from './lib/queries.js';"),
      'lib/queries.ts': helper,
      'built.ts': BROKEN_TS.replace(/query: `[^`]*`/, "query: ['(call_expression function: (selector_expression', 'field: (field_identifer) @sel)) @call'].join(' ')"),
    });
    const r = await runCli(['list', '--codemod', 'helper.ts'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `gocodemod: lib/queries.ts:2:${helper.split('\n')[1].indexOf('field_identifer') + 1}: codemod broken: its query does not compile: unknown node type 'field_identifer' (did you mean 'field_identifier'?) (line 1, column 57 of the query)\n`,
    );
    const b = await runCli(['list', '--codemod', 'built.ts'], dir);
    expect(b).toMatchObject({ code: 2, stderr: expect.stringMatching(/^gocodemod: built\.ts: codemod broken: its query does not compile: unknown node type 'field_identifer' .*\(line 1, column 57 of the query\)\n$/) });
  });

  test('a predicate written after its pattern, not inside it, is refused with its place', async () => {
    const ts = BROKEN_TS.replace('field_identifer) @sel)) @call', 'field_identifier) @sel)) @call\n    (#eq? @sel "Sub")');
    const dir = tmpTree({ 'p.ts': ts });
    const r = await runCli(['list', '--codemod', 'p.ts'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^gocodemod: p\\.ts:${lineOf(ts, '(#eq?')}:5: codemod broken: its query does not compile: the predicate \\(#eq\\? @sel "Sub"\\) stands outside any pattern`));
  });

  test('built-ins are checked the same way; the shipped ones pass', async () => {
    expect(await builtinProblem(builtinCodemods, repo)).toBeUndefined();
    const bad = defineCodemod({ name: 'interface-to-any', description: 'd', query: '(interface_typ) @i', run() {} });
    const r = await runCli(['run', 'interface-to-any', '.'], tmpTree({ 'a.go': GO }), {}, [bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gocodemod: \/.*codemods\/interface-to-any\/index\.ts: codemod interface-to-any: its query does not compile: unknown node type 'interface_typ' \(did you mean 'interface_type'\?\) \(line 1, column 2 of the query\)\n$/);
    const needles = defineCodemod({ name: 'x', description: 'd', needles: [''], run() {} });
    expect(await runCli(['list'], repo, {}, [needles])).toMatchObject({ code: 2, stderr: "gocodemod: built-in codemod 'x': needles must be non-empty strings, but needles[0] is \"\"\n" });
  });
});

describe('a codemod that throws: the error once per codemod, with the count of files and its stack in the author\'s files', () => {
  const BOOM_TS = `import { defineCodemod } from 'gocodemod';
import { deref } from './lib/helper.js';

export default defineCodemod({
  name: 'boom',
  description: 'dereferences null on every file with a func',
  needles: ['func'],
  run(ctx) {
    const found: { foo: string } | null = ctx.file.source.includes('nothing like this') ? { foo: 'x' } : null;
    deref(found);
  },
});
`;
  const HELPER_TS = `// A helper of boom.ts.
export function deref(x: { foo: string } | null): string {
  return (x as { foo: string }).foo.toUpperCase();
}
`;
  const tree = () =>
    tmpTree({
      'go.mod': GOMOD,
      'a/a.go': 'package a\n\nfunc A() {}\n',
      'b/b.go': 'package b\n\nfunc B() {}\n',
      'c/c.go': 'package c\n\nfunc C() {}\n',
      'd/d.go': 'package d\n\nfunc D() {}\n',
      'e/e.go': 'package e\n\nvar E = 1\n', // no needle: not run, not an error
      'mods/boom.ts': BOOM_TS,
      'mods/lib/helper.ts': HELPER_TS,
    });
  const headline = 'gocodemod: codemod boom crashed on 4 files (a/a.go, b/b.go, c/c.go and 1 more); they are left as they were:\n';
  const stack = [
    "    TypeError: Cannot read properties of null (reading 'foo')",
    `        at deref (mods/lib/helper.ts:3:33)`,
    `        at Object.run (mods/boom.ts:${lineOf(BOOM_TS, 'deref(found)')}:5)`,
    '',
  ].join('\n');
  const withoutTime = (r: CliRun) => ({ ...r, stderr: r.stderr.replace(/\n {2}[0-9.]+s \(.*\)\n$/, '\n') });

  test('the same report in-process, in worker threads and from the cache; no line per file', async () => {
    const dir = tree();
    const one = withoutTime(await runCli(['run', '-j', '1', '--no-cache', '--codemod', 'mods/boom.ts', '.'], dir));
    expect(one).toEqual({ code: 2, stdout: '', stderr: headline + stack + 'gocodemod: 5 files scanned, 0 to change, 1 unchanged, 4 errors\n' });
    const env = { GOCODEMOD_CACHE_DIR: join(dir, 'cache') };
    expect(withoutTime(await runCli(['run', '-j', '2', '--codemod', 'mods/boom.ts', '.'], dir, { env }))).toEqual(one);
    expect(withoutTime(await runCli(['run', '-j', '2', '--codemod', 'mods/boom.ts', '.'], dir, { env }))).toEqual(one); // warm: from the cache
    expect(readFileSync(join(dir, 'a/a.go'), 'utf8')).toBe('package a\n\nfunc A() {}\n');
  });

  test('the real command line maps it too, whatever the directory it runs from', () => {
    const dir = tree();
    const bin = join(repo, 'dist', 'src', 'cli', 'bin.js');
    const r = spawnSync(process.execPath, [bin, 'run', '--no-cache', '-j', '2', '--codemod', 'boom.ts', '..'], { cwd: join(dir, 'mods'), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('gocodemod: codemod boom crashed on 4 files (../a/a.go, ../b/b.go, ../c/c.go and 1 more)');
    expect(r.stderr).toContain("    TypeError: Cannot read properties of null (reading 'foo')\n        at deref (lib/helper.ts:3:33)\n        at Object.run (boom.ts:");
  });

  test('gocodemod test shows the stack under the failing case', async () => {
    const dir = tmpTree({ 'mods/boom.ts': BOOM_TS, 'mods/lib/helper.ts': HELPER_TS, 'mods/testdata/boom/x.go': 'package x\n\nfunc X() {}\n' });
    const r = await runCli(['test', '--codemod', 'mods/boom.ts'], dir);
    expect(r).toEqual({
      code: 1,
      stdout:
        "FAIL boom/x\n    x.go: error: codemod boom crashed: Cannot read properties of null (reading 'foo')\n" +
        stack.replace(/^(?=.)/gm, '    ') +
        "    x.go: error on a second run over the output: codemod boom crashed: Cannot read properties of null (reading 'foo')\n1 case, 1 failed\n",
      stderr: '',
    });
  });
});

test('a codemod file as a plain argument is a codemod, as with --codemod, beside built-ins and in command-line order', async () => {
  const mod = (name: string, from: string, to: string) =>
    `import { defineCodemod, fixer, captures } from 'gocodemod';\nexport default defineCodemod({ name: '${name}', description: '${from} to ${to}', query: '((identifier) @id (#eq? @id "${from}"))', run(ctx) { for (const m of ctx.matches()) { const { id } = captures(m); ctx.report({ start: id.startIndex, end: id.endIndex, message: '${from}', fixes: [{ message: 'rename', edits: [fixer.replace(id, '${to}')] }] }); } } });\n`;
  const dir = tmpTree({ 'go.mod': GOMOD, 'a.go': 'package m\n\nvar x interface{} = 1\n', 'r1.ts': mod('r-one', 'x', 'y'), 'r2.mts': mod('r-two', 'y', 'z') });
  const flags = await runCli(['run', '--no-cache', 'interface-to-any', '--codemod', 'r1.ts', '--codemod', 'r2.mts', '.'], dir);
  expect(flags.stdout).toContain('+var z any = 1\n');
  for (const argv of [
    ['run', '--no-cache', 'interface-to-any', 'r1.ts', 'r2.mts', '.'],
    ['run', '--no-cache', 'r1.ts', 'interface-to-any', '--codemod', 'r2.mts', '.'],
    ['run', '--no-cache', './r1.ts', 'interface-to-any', './r2.mts'],
  ]) {
    expect({ argv, ...(await runCli(argv, dir)) }).toMatchObject({ argv, code: 0, stdout: flags.stdout });
  }
  // Order is the command line's, whichever form names the file: the first of two codemods
  // that rewrite the same x wins (the other's fix conflicts, and x is gone in the next round).
  writeFileSync(join(dir, 'r3.ts'), mod('r-three', 'x', 'w'));
  for (const [argv, want] of [
    [['r1.ts', 'r3.ts'], 'y'],
    [['r3.ts', 'r1.ts'], 'w'],
    [['r3.ts', '--codemod', 'r1.ts'], 'w'],
    [['--codemod', 'r1.ts', 'r3.ts'], 'y'],
  ] as const) {
    expect({ argv, stdout: (await runCli(['run', '--no-cache', ...argv, '.'], dir)).stdout }).toEqual({ argv, stdout: expect.stringContaining(`+var ${want} interface{} = 1\n`) });
  }
  // After --, a name ending in .ts is a path like any other.
  expect(await runCli(['run', 'r1.ts', '--', 'nope.ts'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('nope.ts') });
});

describe('gocodemod new', () => {
  test('writes a codemod that passes `gocodemod test` as written, and type-checks with tsc against the emitted types', async () => {
    const dir = tmpTree({});
    const r = await runCli(['new', 'time-since', '--dir', 'tools'], dir);
    expect(r.code).toBe(0);
    const files = ['tools/time-since.ts', 'tools/testdata/time-since/since.go', 'tools/testdata/time-since/since.go.golden', 'tools/tsconfig.json', 'tools/package.json'];
    expect(r.stdout).toContain(files.map((f) => `created ${f}\n`).join(''));
    for (const f of files) expect(existsSync(join(dir, f))).toBe(true);

    const test = await runCli(['test', 'tools/time-since.ts'], dir);
    expect(test).toEqual({ code: 0, stdout: 'ok   time-since/since\n1 case, 0 failed\n', stderr: '' });

    const tsconfig = JSON.parse(readFileSync(join(dir, 'tools/tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.paths).toEqual({ gocodemod: [join(repo, 'dist', 'src', 'index.d.ts')] });
    const tsc = spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tools')], { encoding: 'utf8' });
    expect({ status: tsc.status, out: tsc.stdout + tsc.stderr }).toEqual({ status: 0, out: '' });
    // And tsc would catch a mistake: the types are real, not `any`.
    writeFileSync(join(dir, 'tools/time-since.ts'), readFileSync(join(dir, 'tools/time-since.ts'), 'utf8').replace('call.startIndex', 'call.startOffset'));
    const wrong = spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tools')], { encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/time-since\.ts\(\d+,\d+\): error TS\d+: Property 'startOffset' does not exist on type 'Node'/);
  });

  test('with gocodemod as a devDependency, tsconfig.json maps nothing: the package resolves, and tsc type-checks', async () => {
    const dir = tmpTree({});
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(repo, join(dir, 'node_modules', 'gocodemod'), 'dir');
    const r = await runCli(['new', 'dev-dep'], dir);
    expect(r.stdout).toContain("Types: 'gocodemod' resolves from node_modules.");
    expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).compilerOptions.paths).toBeUndefined();
    const tsc = spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
    expect({ status: tsc.status, out: tsc.stdout + tsc.stderr }).toEqual({ status: 0, out: '' });
  });

  test('the example rewrite works on a repository, and its output compiles', async () => {
    const dir = tmpTree({ 'go.mod': GOMOD });
    await runCli(['new', 'since'], dir);
    const go = readFileSync(join(dir, 'testdata/since/since.go'), 'utf8').replace(/ \/\/ want .*/g, '');
    writeFileSync(join(dir, 'pkg.go'), go.replace('package example', 'package m'));
    const r = await runCli(['run', '--write', 'since.ts', '.'], dir);
    expect(r.code).toBe(0);
    const out = readFileSync(join(dir, 'pkg.go'), 'utf8');
    expect(out).toContain('return time.Since(start)\n');
    expect(out).toContain('return time.Now().Sub(start)\n'); // the shadowed one is left
    if (haveGo()) {
      const vet = spawnSync('go', ['vet', './...'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off' } });
      expect({ status: vet.status, out: vet.stderr }).toEqual({ status: 0, out: '' });
    }
  });

  test('never overwrites: existing files are an error and nothing is written; shared configuration is kept', async () => {
    const dir = tmpTree({ 'tsconfig.json': '{"mine": true}\n' });
    const first = await runCli(['new', 'one'], dir);
    expect(first.stdout).toContain('kept    tsconfig.json (it exists; for types, map "gocodemod" to ');
    expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).toBe('{"mine": true}\n');
    const packageJson = readFileSync(join(dir, 'package.json'), 'utf8');
    writeFileSync(join(dir, 'one.ts'), '// edited\n');
    const again = await runCli(['new', 'one'], dir);
    expect(again).toEqual({ code: 2, stdout: '', stderr: 'gocodemod: new one: one.ts, testdata/one/since.go, testdata/one/since.go.golden, testdata/one already exist; nothing was written (new never overwrites)\n' });
    expect(readFileSync(join(dir, 'one.ts'), 'utf8')).toBe('// edited\n');
    const two = await runCli(['new', 'two'], dir);
    expect(two.code).toBe(0);
    expect(two.stdout).toContain('kept    package.json (it exists)');
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(packageJson);
    expect((await runCli(['test', 'two.ts'], dir)).code).toBe(0);
  });

  test.each([
    [['new'], 'gocodemod: new needs a name: gocodemod new NAME\n(see gocodemod new --help)\n'],
    [['new', 'a', 'b'], "gocodemod: new takes one name, got 'a', 'b'\n(see gocodemod new --help)\n"],
    [['new', 'My_Mod'], "gocodemod: new My_Mod: a codemod name is kebab-case (lower-case letters, digits and single dashes, like 'time-since')\n"],
    [['new', 'interface-to-any'], "gocodemod: new interface-to-any: 'interface-to-any' is the name of a built-in codemod; choose another\n"],
    [['new', 'x', '--dir', 'file.txt'], 'gocodemod: --dir file.txt: not a directory\n'],
  ])('usage errors: %j', async (argv, stderr) => {
    const dir = tmpTree({ 'file.txt': 'x\n' });
    expect(await runCli(argv, dir)).toEqual({ code: 2, stdout: '', stderr });
  });
});

test('odd crashes: a thrown string, null, a runaway recursion shown once with its count', async () => {
  const dir = tmpTree({
    'go.mod': GOMOD,
    'a/a.go': 'package a\n',
    'b/b.go': 'package b\n',
    'c/c.go': 'package c\n',
    't.mjs': `export default { name: 't', description: 'd', run(ctx) {
  if (ctx.file.path.startsWith('a/')) throw 'a string';
  if (ctx.file.path.startsWith('b/')) throw null;
  const f = (n) => f(n + 1);
  f(0);
} };
`,
  });
  const r = await runCli(['run', '-j', '1', '--no-cache', 't.mjs', '.'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('gocodemod: codemod t crashed on 1 file (a/a.go); they are left as they were:\n    a string\n');
  expect(r.stderr).toContain('gocodemod: codemod t crashed on 1 file (b/b.go); they are left as they were:\n    null\n');
  expect(r.stderr).toMatch(/gocodemod: codemod t crashed on 1 file \(c\/c\.go\); they are left as they were:\n {4}RangeError: Maximum call stack size exceeded\n {8}at f \(t\.mjs:4:20\) \(\d+ times\)\n/);
});

test('new: a directory that cannot be written is a usage error naming the file', async () => {
  const dir = tmpTree({ 'a.go': 'package a\n' });
  expect(await runCli(['new', 'x', '--dir', 'a.go/sub'], dir)).toEqual({
    code: 2,
    stdout: '',
    stderr: expect.stringMatching(/^gocodemod: new x: cannot write a\.go\/sub\/x\.ts: ENOTDIR/),
  });
});
