/**
 * What an author of a codemod of their own meets, through the CLI, with codemods in a
 * temporary folder outside the repository: load-time checks that point into the author's file,
 * crashes with their stack in the author's file (once per codemod).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliRun } from './helpers/cli.js';
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
