/** The CLI as a user runs it, on a copy of examples/ in a temporary directory. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from './helpers/cli.js';
import { haveGo } from './helpers/go-tool.js';
import { cleanupTmpTrees, copyExamples, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

const diffPaths = (diff: string) => [...diff.matchAll(/^diff --git a\/(\S+) b\/\S+$/gm)].map((m) => m[1]);

test('dry run: a git-style diff on stdout that git apply takes, a summary on stderr, exit 0', async () => {
  const dir = copyExamples();
  const before = snapshot(dir);
  const r = await runCli(['run', '--all', 'examples/'], dir);
  expect(r.code).toBe(0);
  // go.mod and go.work changes come first; go-directive-bump raises legacy (go 1.16) to
  // 1.22, so interface-to-any rewrites legacy's files in the same run.
  expect(r.stdout).toMatch(/^diff --git a\/examples\/inventory\/go.mod b\/examples\/inventory\/go.mod\n--- a\/examples\/inventory\/go.mod\n\+\+\+ b\/examples\/inventory\/go.mod\n@@ /);
  expect(r.stdout).toContain('-go 1.16\n+go 1.22\n');
  expect(r.stdout).toContain('-func Encode(v interface{}) string {\n+func Encode(v any) string {\n');
  expect(r.stderr).toMatch(/gocodemod: 29 files scanned, 21 to change, 8 unchanged/);
  // legacy/coalesce_go116.go builds only before Go 1.18 (//go:build !go1.18): too old for the codemods that write newer Go.
  expect(r.stderr).toMatch(/skipped: generated 1, hidden 1, inline-generic-constraints: go version too old 1, interface-to-any: go version too old 1, loopvar-copy: go version too old 1, rangeint: go version too old 1, testdata 3, vendor 1/);
  expect(r.stderr).toMatch(
    /changes: go-directive-bump 2, interface-to-any 65, loopvar-copy 2, inline-generic-constraints 3, plusbuild 5, rangeint 1, obsolete-go-build 2, sliceheader-to-unsafe-slice 5\n/,
  );
  // A finding without a fix goes to stderr: the fallback for Go before 1.18 is dead at go 1.22.
  expect(r.stderr).toContain('examples/legacy/coalesce_go116.go:1:1: dead file: no Go from 1.22 (the module\'s go line) on satisfies //go:build !go1.18');
  expect(r.stderr).not.toMatch(/conflict/);
  expect(snapshot(dir)).toEqual(before); // a dry run writes nothing

  // What is left alone, and why: vendor/, testdata/, generated code, shadowed any, and the
  // go directives already at 1.22 or newer.
  const touched = diffPaths(r.stdout);
  expect(touched.filter((p) => /vendor\/|testdata\/|zz_generated|_vendored-src|shadow\.go|modern\/go\.mod|go\.work/.test(p))).toEqual([]);

  writeFileSync(join(dir, 'x.patch'), r.stdout);
  execFileSync('git', ['apply', '--check', 'x.patch'], { cwd: dir });
});

test('--write changes exactly the files the diff named, to the diff result; a re-run finds nothing', async () => {
  const dir = copyExamples();
  const patched = copyExamples();
  const before = snapshot(dir);
  const dry = await runCli(['run', '--all', 'examples'], dir);
  writeFileSync(join(patched, 'x.patch'), dry.stdout);
  execFileSync('git', ['apply', 'x.patch'], { cwd: patched });

  chmodSync(join(dir, 'examples/inventory/item.go'), 0o640);
  const w = await runCli(['run', '--all', '--write', 'examples'], dir);
  expect(w.code).toBe(0);
  expect(w.stdout).toBe('');
  const after = snapshot(dir);
  const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k)).sort();
  expect(changed).toEqual(diffPaths(dry.stdout).sort());
  for (const f of changed) expect(after.get(f)).toBe(readFileSync(join(patched, f), 'latin1'));
  expect(statSync(join(dir, 'examples/inventory/item.go')).mode & 0o777).toBe(0o640); // mode kept
  expect(readdirSync(join(dir, 'examples/inventory')).filter((n) => n.includes('.tmp'))).toEqual([]);

  const again = await runCli(['run', '--all', 'examples/...'], dir);
  expect(again).toMatchObject({ code: 0, stdout: '' });
});

test('--check lists pending changes go vet style and exits 1; 0 once applied', async () => {
  const dir = copyExamples();
  const r = await runCli(['run', 'interface-to-any', '--check', './examples/modern/...'], dir);
  expect(r.code).toBe(1);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toContain('examples/modern/events/events.go:12:8: interface{} can be any (interface-to-any)');
  for (const l of lines) expect(l).toMatch(/^examples\/modern\/\S+\.go:\d+:\d+: .+ \(interface-to-any\)$/);
  await runCli(['run', 'interface-to-any', '--write', './examples/modern/...'], dir);
  expect(await runCli(['run', 'interface-to-any', '--check', './examples/modern/...'], dir)).toMatchObject({ code: 0, stdout: '' });
});

test('flags bring skipped files back: --include-vendor, --include-testdata, --include-generated', async () => {
  const dir = copyExamples();
  const r = await runCli(['run', '--all', '--include-vendor', '--include-testdata', '--include-generated', 'examples/inventory'], dir);
  const touched = diffPaths(r.stdout);
  expect(touched).toEqual(expect.arrayContaining(['examples/inventory/vendor/example.com/vendored/tags.go', 'examples/inventory/testdata/old_feed.go', 'examples/inventory/zz_generated.go']));
});

test('.gitignore is honoured unless --no-gitignore', async () => {
  const dir = tmpTree({
    '.gitignore': 'ignored.go\n',
    'go.mod': 'module m\n\ngo 1.22\n',
    'ignored.go': 'package m\n\nvar X interface{}\n',
    'kept.go': 'package m\n\nvar Y interface{}\n',
  });
  const r = await runCli(['run', 'interface-to-any', '.'], dir);
  expect(diffPaths(r.stdout)).toEqual(['kept.go']);
  expect(r.stderr).toMatch(/gitignored 1/);
  const all = await runCli(['run', 'interface-to-any', '--no-gitignore', '.'], dir);
  expect(diffPaths(all.stdout)).toEqual(['ignored.go', 'kept.go']);
  const ex = await runCli(['run', 'interface-to-any', '--exclude', 'kept.go', '.'], dir);
  expect(diffPaths(ex.stdout)).toEqual([]);
});

test('usage errors exit 2 and say what is valid', async () => {
  const dir = tmpTree({ 'go.mod': 'module m\n' });
  const unknown = await runCli(['run', 'no-such-codemod', '.'], dir);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown codemod 'no-such-codemod'; available: go-directive-bump, interface-to-any, /);
  const badKey = await runCli(['run', 'interface-to-any', '-o', 'interface-to-any.nope=1', '.'], dir);
  expect(badKey).toMatchObject({ code: 2, stderr: expect.stringMatching(/has no option 'nope'; it takes no options/) });
  const notSelected = await runCli(['run', 'interface-to-any', '-o', 'other.x=1', '.'], dir);
  expect(notSelected).toMatchObject({ code: 2, stderr: expect.stringMatching(/codemod 'other' is not selected in this run; selected: interface-to-any/) });
  expect((await runCli(['run', '--all', '--write', '--check', '.'], dir)).code).toBe(2);
  expect((await runCli(['frobnicate'], dir)).code).toBe(2);
  expect((await runCli(['run', '--all', '--go', 'go1.22', '.'], dir)).code).toBe(2);
});

/** Help lines `  -w, --write  description`, as name -> description (`--[no-]x` gives --x and --no-x). */
function helpEntries(help: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of help.split('\n')) {
    const m = /^ {2}(?:(-\w), )?\s*(-{1,2})(\[no-\])?([a-z][a-z-]*)(?: \S+)?\s{2,}(\S.*)$/.exec(line);
    if (!m) continue;
    const [, short, dashes, no, name, describe] = m;
    for (const n of [short, dashes + name, no && `--no-${name}`]) if (n) out.set(n, describe);
  }
  return out;
}

describe('--help', () => {
  test('global: the commands with what they do, on stdout, exit 0; also -h and `help`', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await runCli(argv, '/');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^Usage: gocodemod <command>/);
      expect(r.stdout).toMatch(/^ {2}run {2,}run codemods: a dry run printing a unified diff/m);
      expect(r.stdout).toMatch(/^ {2}list {2,}list the built-in codemods/m);
    }
  });

  test('per command: every flag of the README CLI reference, with a description; and no flag the README lacks', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## CLI reference'), readme.indexOf('### Splitting a monorepo'));
    const documented = new Set([...section.matchAll(/[`[](-{1,2}[a-z](?:[a-z-]*[a-z])?)(?![a-z-])/g)].map((m) => m[1]));
    expect([...documented]).toEqual(expect.arrayContaining(['-w', '--write', '--check', '-o', '--all', '--no-gitignore', '--no-cache', '--cache-dir', '--shard', '-j', '--jobs', '--json', '--dir', '--line', '--range', '--query']));
    const run = await runCli(['run', '--help'], '/');
    const list = await runCli(['list', '-h'], '/');
    const testHelp = await runCli(['test', '-h'], '/');
    const others = await Promise.all(['new', 'tree', 'query', 'playground'].map((c) => runCli([c, '--help'], '/')));
    for (const r of [run, list, testHelp, ...others]) expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: gocodemod run /);
    expect(list.stdout).toMatch(/^Usage: gocodemod list /);
    expect(others.map((r) => r.stdout.split(' ').slice(0, 3).join(' '))).toEqual(['Usage: gocodemod new', 'Usage: gocodemod tree', 'Usage: gocodemod query', 'Usage: gocodemod playground']);
    const entries = new Map([...others.flatMap((r) => [...helpEntries(r.stdout)]), ...helpEntries(testHelp.stdout), ...helpEntries(list.stdout), ...helpEntries(run.stdout)]);
    const missing = [...documented].filter((f) => !entries.has(f));
    expect(missing).toEqual([]);
    for (const f of documented) expect({ f, describe: entries.get(f)!.length > 10 }).toEqual({ f, describe: true });
    // And the other way round: a flag added to the CLI is documented in the README.
    const undocumented = [run, ...others].flatMap((r) => [...helpEntries(r.stdout).keys()]).filter((f) => f.startsWith('--') && f !== '--help' && !documented.has(f) && !documented.has(f.replace(/^--(no-)?/, '--no-')) && !documented.has(f.replace(/^--no-/, '--')));
    expect(undocumented).toEqual([]);
    expect(helpEntries(run.stdout).get('-o')).toMatch(/repeatable/);
    expect(run.stdout).toMatch(/^ {2}-j, --jobs N {2,}most worker threads/m);
    expect(run.stdout).toMatch(/^ {6}--\[no-\]color {2,}colour the output/m);
  });

  test('wins over everything else on the line: nothing runs, nothing is written', async () => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': 'package m\n\nvar X interface{}\n' });
    for (const argv of [['run', '--all', '--write', '.', '--help'], ['run', '--bogus', '-h'], ['--help', 'run'], ['help', 'run']]) {
      const r = await runCli(argv, dir);
      expect({ argv, code: r.code, stderr: r.stderr }).toEqual({ argv, code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^Usage: gocodemod run /);
    }
    expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe('package m\n\nvar X interface{}\n');
  });
});

describe('argument errors: gocodemod: <message>, a pointer to --help, exit 2, nothing run', () => {
  const cases: [string[], RegExp][] = [
    [[], /^gocodemod: name a command: run, list, test, new, tree, query, config, rewrite, playground\n\(see gocodemod --help\)\n$/],
    [['frobnicate'], /^gocodemod: unknown command 'frobnicate'; the commands are: run, list, test, new, tree, query, config, rewrite, playground\n\(see gocodemod --help\)\n$/],
    [['--all', 'run', '.'], /^gocodemod: unknown option '--all': name a command first \(run, list, test, new, tree, query, config, rewrite, playground\), then its options\n\(see gocodemod --help\)\n$/],
    [['run', '--all', '--bogus', '.'], /^gocodemod: unknown option '--bogus'\n\(see gocodemod run --help\)\n$/],
    [['run', '--all', '-x', '.'], /^gocodemod: unknown option '-x'\n/],
    [['run', '--all', '--json', '.'], /^gocodemod: unknown option '--json'\n\(see gocodemod run --help\)\n$/],
    [['run', '--all', '--no-jobs', '.'], /^gocodemod: unknown option '--no-jobs'\n/],
    [['list', '--write'], /^gocodemod: unknown option '--write'\n\(see gocodemod list --help\)\n$/],
    [['list', 'extra'], /^gocodemod: list takes no arguments, got 'extra'\n\(see gocodemod list --help\)\n$/],
    [['run', '--all', '-o'], /^gocodemod: -o needs a value: -o CODEMOD\.KEY=VALUE\n\(see gocodemod run --help\)\n$/],
    [['run', '--all', '.', '--exclude'], /^gocodemod: --exclude needs a value: --exclude GLOB\n/],
    [['run', '--all', '--exclude', '--write', '.'], /^gocodemod: --exclude needs a value: --exclude GLOB, got the option '--write' \(for a value that starts with -, write --exclude=--write\)\n/],
    [['run', '--all', '--go'], /^gocodemod: --go needs a value: --go VERSION\n/],
    [['run', '--all', '--cache-dir'], /^gocodemod: --cache-dir needs a value/],
    [['list', '--codemod'], /^gocodemod: --codemod needs a value: --codemod FILE\n\(see gocodemod list --help\)\n$/],
    [['run', '--all', '--jobs', 'abc', '.'], /^gocodemod: --jobs abc: expected a whole number >= 1\n\(see gocodemod run --help\)\n$/],
    [['run', '--all', '-j', '0', '.'], /^gocodemod: --jobs 0: expected a whole number >= 1\n/],
    [['run', '--all', '--jobs=2.5', '.'], /^gocodemod: --jobs 2\.5: expected a whole number >= 1\n/],
    [['run', '--all', '--write', '--check', '.'], /^gocodemod: --write and --check cannot be used together\n\(see gocodemod run --help\)\n$/],
    [['run', '--all', '--exclude=', '.'], /^gocodemod: --exclude '': expected a glob, e\.g\. --exclude 'gen\/\*\*'\n\(see gocodemod run --help\)\n$/],
    [['run', '--all', '-wq', '--check=true', '.'], /^gocodemod: --write and --check cannot be used together\n/],
    [['run', '--all', '--write=yes', '.'], /^gocodemod: --write is a switch: it takes no value, or =true or =false, got 'yes'\n\(see gocodemod run --help\)\n$/],
    [['run', '--all', '--no-write=false', '.'], /^gocodemod: --no-write takes no value, got 'false'\n/],
  ];
  test.each(cases)('%j', async (argv, stderr) => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': 'package m\n\nvar X interface{}\n' });
    const r = await runCli(argv, dir);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(stderr);
    expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe('package m\n\nvar X interface{}\n');
  });
});

test('flag forms: --switch=false/true, --no-switch, last one wins, -wq, -j1, --flag=value, -o=value', async () => {
  const src = 'package m\n\nvar X interface{}\n';
  const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': src, 'b.go': 'package m\n\nvar Y interface{}\n' });
  const dry = await runCli(['run', 'interface-to-any', '--write=false', '-q', '.'], dir);
  expect(diffPaths(dry.stdout)).toEqual(['a.go', 'b.go']);
  expect(dry.stderr).toBe('');
  expect((await runCli(['run', 'interface-to-any', '--write', '--no-write', '.'], dir)).stdout).toContain('+var X any');
  expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe(src);
  expect((await runCli(['run', 'interface-to-any', '--color=true', '.'], dir)).stdout).toContain('\x1b[');
  expect((await runCli(['run', 'interface-to-any', '--color', '--color=false', '.'], dir, { tty: true })).stdout).not.toContain('\x1b[');
  expect((await runCli(['run', 'interface-to-any', '--no-color', '--color', '.'], dir)).stdout).toContain('\x1b[');
  const bump = await runCli(['run', 'go-directive-bump', '-o=go-directive-bump.to=1.23', '-q', '.'], dir);
  expect(bump.stdout).toContain('+go 1.23\n');
  expect(diffPaths((await runCli(['run', 'interface-to-any', '--exclude=b.go', '-q', '.'], dir)).stdout)).toEqual(['a.go']);
  // Outside any module, --go decides whether interface-to-any (Go 1.18) applies: the last one counts.
  const nomod = tmpTree({ 'a.go': src });
  expect(diffPaths((await runCli(['run', 'interface-to-any', '--go', '1.17', '--go=1.22', '-q', '.'], nomod)).stdout)).toEqual(['a.go']);
  expect(diffPaths((await runCli(['run', 'interface-to-any', '--go=1.22', '--go', '1.17', '-q', '.'], nomod)).stdout)).toEqual([]);
  const w = await runCli(['run', 'interface-to-any', '-wqj1', '.'], dir);
  expect(w).toMatchObject({ code: 0, stdout: '', stderr: '' });
  expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe('package m\n\nvar X any\n');
});

test('arguments after -- are paths: one that starts with -, one named like a codemod', async () => {
  const dir = tmpTree({
    'go.mod': 'module m\n\ngo 1.22\n',
    '-x/a.go': 'package x\n\nvar X interface{}\n',
    'interface-to-any/b.go': 'package y\n\nvar Y interface{}\n',
    'c.go': 'package m\n\nvar Z interface{}\n',
  });
  const r = await runCli(['run', 'interface-to-any', '--', '-x', 'interface-to-any'], dir);
  expect(r.code).toBe(0);
  expect(diffPaths(r.stdout)).toEqual(['-x/a.go', 'interface-to-any/b.go']);
  expect(diffPaths((await runCli(['run', '--all', '-q', '--', '-x'], dir)).stdout)).toEqual(['-x/a.go']);
  // Before --, the name is a codemod's; after it, never: a codemod must still be named.
  expect((await runCli(['run', '--', 'interface-to-any'], dir)).stderr).toMatch(/^gocodemod: name at least one codemod/);
  // A path before -- still works as before; with --, both lists are paths.
  expect(diffPaths((await runCli(['run', 'interface-to-any', 'c.go', '--', '-x'], dir)).stdout).sort()).toEqual(['-x/a.go', 'c.go']);
});

test('unreadable input: invalid UTF-8 and missing paths are reported with the file, exit 2, nothing written', async () => {
  const bad = Buffer.concat([Buffer.from('package m\n\nvar X interface{}\nvar s = "'), Buffer.from([0xff, 0xfe]), Buffer.from('"\n')]);
  const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'bad.go': bad, 'good.go': 'package m\n\nvar Y interface{}\n' });
  const r = await runCli(['run', '--all', '--write', '.', 'missing/...'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('bad.go:4: error: invalid UTF-8: the file is left as it is');
  expect(r.stderr).toMatch(/missing\/\.\.\.: no such file or directory/);
  expect(readFileSync(join(dir, 'bad.go')).equals(bad)).toBe(true);
  expect(readFileSync(join(dir, 'good.go'), 'utf8')).toBe('package m\n\nvar Y any\n'); // the run goes on
});

test('list: name, minimum Go, scope, whether --all runs it, description; --json', async () => {
  const r = await runCli(['list'], '/');
  expect(r.stdout).toMatch(/^NAME\s+MIN GO\s+SCOPE\s+--ALL\s+DESCRIPTION\n/);
  expect(r.stdout).toMatch(/\ninterface-to-any\s+1\.18\s+package\s+yes\s+\S/);
  expect(r.stdout).toMatch(/\nunsafe-slice-to-sliceheader\s+-\s+package\s+no\s+\S/);
  const j = JSON.parse((await runCli(['list', '--json'], '/')).stdout);
  expect(j.map((c: { name: string }) => c.name)).toEqual([
    'go-directive-bump',
    'interface-to-any',
    'inline-generic-constraints',
    'sliceheader-to-unsafe-slice',
    'unsafe-slice-to-sliceheader',
    'loopvar-copy',
    'rangeint',
    'plusbuild',
    'obsolete-go-build',
  ]);
  expect(j[1]).toEqual(expect.objectContaining({ name: 'interface-to-any', minGo: '1.18', scope: 'package', inAll: true, description: expect.any(String) }));
  expect(j[0].options).toEqual({ to: '1.22', toolchain: 'drop-redundant' });
});

test('colour only on a terminal, and never with NO_COLOR or --no-color', async () => {
  const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': 'package m\n\nvar Y interface{}\n' });
  expect((await runCli(['run', '--all', '.'], dir)).stdout).not.toContain('\x1b[');
  expect((await runCli(['run', '--all', '.'], dir, { tty: true })).stdout).toContain('\x1b[32m+var Y any\x1b[0m');
  expect((await runCli(['run', '--all', '.'], dir, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  expect((await runCli(['run', '--all', '--no-color', '.'], dir, { tty: true })).stdout).not.toContain('\x1b[');
  expect((await runCli(['run', '--all', '--color', '.'], dir)).stdout).toContain('\x1b[');
});

const goOk = haveGo();
(goOk ? test : test.skip)('examples build and vet with Go before and after --write', async () => {
  const dir = copyExamples();
  const check = () => {
    for (const mod of ['inventory', 'legacy', 'modern']) {
      const r = spawnSync('sh', ['-c', 'go build ./... && go vet ./...'], {
        cwd: join(dir, 'examples', mod),
        encoding: 'utf8',
        env: { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local', GOPROXY: 'off' },
      });
      expect({ mod, status: r.status, out: r.status ? r.stderr : '' }).toEqual({ mod, status: 0, out: '' });
    }
  };
  check();
  expect((await runCli(['run', '--all', '--write', 'examples/...'], dir)).code).toBe(0);
  check();
});

test('a path with a tab is quoted in the diff headers as git does, and git apply takes it', async () => {
  const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'x\t.go': 'package m\n\nvar X interface{}\n' });
  const r = await runCli(['run', 'interface-to-any', '.'], dir);
  expect(r.stdout).toMatch(/^diff --git "a\/x\\t\.go" "b\/x\\t\.go"\n--- "a\/x\\t\.go"\n\+\+\+ "b\/x\\t\.go"\n/);
  writeFileSync(join(dir, 'x.patch'), r.stdout);
  execFileSync('git', ['apply', 'x.patch'], { cwd: dir });
  expect(readFileSync(join(dir, 'x\t.go'), 'utf8')).toBe('package m\n\nvar X any\n');
});

test('the installed bin is executable (npx gocodemod runs it directly)', () => {
  const bin = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'bin.js');
  expect(statSync(bin).mode & 0o111).not.toBe(0);
  expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
});

test('a closed pipe (gocodemod run ... | head) ends the run quietly, as SIGPIPE would', () => {
  const bin = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'bin.js');
  // Far more diff than a pipe buffers (64 KiB), so writes go on after head has exited.
  const files: Record<string, string> = { 'go.mod': 'module example.com/m\n\ngo 1.22\n' };
  for (let f = 0; f < 40; f++) files[`f${f}.go`] = 'package m\n\n' + Array.from({ length: 100 }, (_, i) => `var V${f}x${i} interface{}\n`).join('');
  const dir = tmpTree(files);
  const r = spawnSync('bash', ['-c', `node '${bin}' run interface-to-any --no-cache -j 1 . | head -n 1; echo "exit=\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
  expect(r.stdout).toBe('diff --git a/f0.go b/f0.go\nexit=141\n');
  expect(r.stderr).toBe('');

  // Under --write, a closed stderr (every file has an unfixable finding to print) stops the
  // run the same way, between two files: each is its old or its new self.
  for (const name of Object.keys(files)) {
    if (name.endsWith('.go')) files[name] = files[name].replace('package m\n', 'package m\n\nimport "reflect"\n\nvar H = reflect.SliceHeader{}\n');
  }
  const w = tmpTree(files);
  const before = Object.fromEntries(Object.keys(files).map((n) => [n, readFileSync(join(w, n), 'utf8')]));
  const ws = spawnSync('bash', ['-c', `node '${bin}' run interface-to-any sliceheader-to-unsafe-slice --no-cache -j 1 --write . 2>&1 >/dev/null | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { cwd: w, encoding: 'utf8' });
  expect(ws.stdout).toBe('exit=141\n');
  for (const n of Object.keys(files)) {
    const now = readFileSync(join(w, n), 'utf8');
    expect([before[n], before[n].replaceAll('interface{}', 'any')]).toContain(now);
  }
});
