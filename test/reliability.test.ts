/**
 * Promises a hostile user tried and broke (issue 12), each reproduced as it was reported,
 * through the command line.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinCodemods } from '../src/registry/builtins.js';
import { defineCodemod } from '../src/go/codemod.js';
import { packageRoot } from '../src/package-root.js';
import { tempPath, writeGroup, type GroupMember } from '../src/run/write-file.js';
import { cacheEntries } from '../src/run/cache.js';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

describe('a build constraint bounds a file\'s Go version', () => {
  test('//go:build !go1.18 in a go 1.20 module: interface-to-any leaves the file alone, as go fix does', async () => {
    const old = '//go:build !go1.18\n\npackage m\n\nfunc Old(x interface{}) interface{} { return x }\n';
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.20\n', 'old.go': old, 'new.go': 'package m\n\nvar New interface{}\n' });
    const r = await runCli(['run', 'interface-to-any', '--write', '.'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'old.go'), 'utf8')).toBe(old); // `go tool compile -lang=go1.17` rejects `any`
    expect(readFileSync(join(dir, 'new.go'), 'utf8')).toBe('package m\n\nvar New any\n');
    expect(r.stderr).toMatch(/skipped: interface-to-any: go version too old 1\n/);
  });
});

describe('files joined by a fix, or by a raised go line, are written all or none', () => {
  const NUMBERS = 'package m\n\ntype number interface{ ~int | ~float64 }\n';
  const MAX = 'package m\n\nfunc Max[T number](a, b T) T {\n\tif a > b {\n\t\treturn a\n\t}\n\treturn b\n}\n';
  const generics = () => tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'numbers.go': NUMBERS, 'max.go': MAX });
  const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
  const noTemps = (dir: string) => expect(readdirSync(dir).filter((n) => n.includes('.gocodemod-'))).toEqual([]);

  test('a read-only max.go: numbers.go keeps its declaration (the package still builds)', async () => {
    const dir = generics();
    chmodSync(join(dir, 'max.go'), 0o444);
    const r = await runCli(['run', '--all', '--write', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('max.go: error: not written: the file is read-only');
    expect(r.stderr).toContain('numbers.go: error: not written: it is written together with max.go (a write group), which was not written: the file is read-only');
    expect(r.stderr).toMatch(/0 changed, 1 unchanged, 2 errors\n/);
    expect([read(dir, 'numbers.go'), read(dir, 'max.go')]).toEqual([NUMBERS, MAX]);
    noTemps(dir);
  });

  test('max.go changed on disk during the run: neither file is written', async () => {
    const dir = generics();
    const edit = defineCodemod({
      name: 'edit-max',
      description: 'test only: another program edits max.go while the run computes',
      run(ctx) {
        if (ctx.file.path === 'numbers.go') writeFileSync(join(dir, 'max.go'), MAX + '\n// mine\n');
      },
    });
    const inline = builtinCodemods.find((c) => c.name === 'inline-generic-constraints')!;
    const r = await runCli(['run', 'edit-max', 'inline-generic-constraints', '--write', '-j', '1', '.'], dir, {}, [edit, inline]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('max.go: error: not written: the file changed on disk after it was read');
    expect(r.stderr).toContain('numbers.go: error: not written: it is written together with max.go');
    expect([read(dir, 'numbers.go'), read(dir, 'max.go')]).toEqual([NUMBERS, MAX + '\n// mine\n']);
  });

  test('a read-only go.mod at go 1.17: x.go does not become `any` (predeclared any requires go1.18)', async () => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.17\n', 'x.go': 'package m\n\nvar X interface{} = 1\n', 'y/y.go': 'package y\n\nvar Y = 1\n' });
    chmodSync(join(dir, 'go.mod'), 0o444);
    const r = await runCli(['run', '--all', '--write', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('go.mod: error: not written: the file is read-only');
    expect(r.stderr).toContain('x.go: error: not written: it is written together with go.mod (a write group), which was not written: the file is read-only');
    expect([read(dir, 'go.mod'), read(dir, 'x.go')]).toEqual(['module m\n\ngo 1.17\n', 'package m\n\nvar X interface{} = 1\n']);
  });

  test('a read-only Go file that needs the raised go line keeps the go.mod as it is too', async () => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.17\n', 'a/a.go': 'package a\n\nvar A interface{}\n', 'b/b.go': 'package b\n\nvar B interface{}\n' });
    chmodSync(join(dir, 'b/b.go'), 0o444);
    const r = await runCli(['run', '--all', '--write', '.'], dir);
    expect(r.code).toBe(2);
    expect([read(dir, 'go.mod'), read(dir, 'a/a.go'), read(dir, 'b/b.go')]).toEqual(['module m\n\ngo 1.17\n', 'package a\n\nvar A interface{}\n', 'package b\n\nvar B interface{}\n']);
    expect(r.stderr).toMatch(/^a\/a\.go: error: not written: it is written together with b\/b\.go \(a write group\)/m);
  });

  test('the dry run, --check and --write report the same group; --write writes it whole', async () => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.17\n', 'x.go': 'package m\n\nvar X interface{} = 1\n', 'y/y.go': 'package y\n\nvar Y = 1\n' });
    const dry = await runCli(['run', '--all', '.'], dir);
    const check = await runCli(['run', '--all', '--check', '.'], dir);
    expect(dry.stderr).toContain('write groups: 1 (files that --write writes all or none');
    expect(check.stderr).toContain('write groups: 1 (files that --write writes all or none');
    expect(check.code).toBe(1);
    const write = await runCli(['run', '--all', '--write', '.'], dir);
    expect(write.code).toBe(0);
    expect(write.stderr).toContain('2 changed, 1 unchanged\n');
    expect(write.stderr).toContain('write groups: 1 (files written all or none');
    expect([read(dir, 'go.mod'), read(dir, 'x.go')]).toEqual(['module m\n\ngo 1.22\n', 'package m\n\nvar X any = 1\n']);
  });

  test('a write that fails midway (EFBIG, as on a full disk): no file of the group is touched, no temp file is left', () => {
    // RLIMIT_FSIZE: writing past 16 KB fails with EFBIG (Node ignores SIGXFSZ). max.go is
    // written first (path order) and fits; numbers.go does not.
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'numbers.go': NUMBERS + `\n// ${'x'.repeat(20_000)}\n`, 'max.go': MAX });
    const bin = join(packageRoot(), 'dist/src/cli/bin.js');
    const r = spawnSync('sh', ['-c', `ulimit -f 16 && exec "${process.execPath}" "${bin}" run --all --write --no-cache .`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toMatch(/^numbers\.go: error: not written: .*(too large|EFBIG)/m);
    expect(r.stderr).toContain('max.go: error: not written: it is written together with numbers.go (a write group)');
    expect(r.status).toBe(2);
    expect([read(dir, 'max.go')]).toEqual([MAX]);
    noTemps(dir);
  });
});

describe('a rename that fails after others of its group succeeded', () => {
  const member = (dir: string, name: string, before: string, after: string): GroupMember => ({ abs: join(dir, name), path: name, expected: Buffer.from(before), content: after });

  test('the files renamed already are restored to their original bytes, and the report says so', () => {
    const dir = tmpTree({ 'a.go': 'a old\n', 'b.go': 'b old\n', 'c.go': 'c old\n' });
    const failOn = join(dir, 'b.go');
    const results = writeGroup([member(dir, 'a.go', 'a old\n', 'a new\n'), member(dir, 'b.go', 'b old\n', 'b new\n'), member(dir, 'c.go', 'c old\n', 'c new\n')], {
      rename(from, to) {
        if (to === failOn) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
        return renameSync(from, to);
      },
    });
    expect(results).toEqual([
      { ok: false, message: 'not written: restored to its original content, because b.go, written together with it (a write group), could not be written: EIO: i/o error, rename' },
      { ok: false, message: 'not written: EIO: i/o error, rename' },
      { ok: false, message: 'not written: it is written together with b.go (a write group), which was not written: EIO: i/o error, rename' },
    ]);
    expect(['a.go', 'b.go', 'c.go'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['a old\n', 'b old\n', 'c old\n']);
    expect(readdirSync(dir).sort()).toEqual(['a.go', 'b.go', 'c.go']);
  });

  test('a file that cannot be restored is named, and said to hold the new content', () => {
    const dir = tmpTree({ 'a.go': 'a old\n', 'b.go': 'b old\n' });
    let renames = 0;
    const results = writeGroup([member(dir, 'a.go', 'a old\n', 'a new\n'), member(dir, 'b.go', 'b old\n', 'b new\n')], {
      rename(from, to) {
        // a.go is renamed; b.go fails; so does putting a.go back.
        if (renames++ === 0) return renameSync(from, to);
        throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      },
    });
    expect(results[0]).toEqual({
      ok: false,
      message:
        'written, but b.go, written together with it (a write group), could not be written: EIO: i/o error, rename; restoring this file failed (EIO: i/o error, rename): it holds the new content, and its write group is incomplete',
    });
    expect(readFileSync(join(dir, 'a.go'), 'utf8')).toBe('a new\n');
    expect(readdirSync(dir).sort()).toEqual(['a.go', 'b.go']);
  });
});

describe('long file names', () => {
  test('a 233-byte name is written (its temporary name stays within 255 bytes)', async () => {
    const name = `${'n'.repeat(230)}.go`;
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', [name]: 'package m\n\nvar X interface{}\n' });
    const r = await runCli(['run', 'interface-to-any', '--write', '.'], dir);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, name), 'utf8')).toBe('package m\n\nvar X any\n');
  });

  test.each([
    ['a 255-byte name of two-byte characters', `${'é'.repeat(126)}.go`],
    ['a 255-byte name of four-byte characters', `${'😀'.repeat(63)}.go`],
    ['a short name', 'a.go'],
  ])('the temporary name of %s is at most 255 bytes and ends on a character', (_label, name) => {
    const tmp = tempPath(join('/d', name)).slice(3);
    expect(Buffer.byteLength(tmp, 'utf8')).toBeLessThanOrEqual(255);
    expect(Buffer.from(tmp, 'utf8').toString('utf8')).toBe(tmp);
    expect(tmp).toMatch(/^\..*\.gocodemod-\d+-[0-9a-f]{8}\.tmp$/);
  });
});

/** The CLI in a child process, killed after 30 s: a run that blocks for good fails the test, and does not hang it. */
function cliBounded(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(packageRoot(), 'dist/src/cli/bin.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GOCODEMOD_CACHE_DIR: join(dir, '.cache') },
    timeout: 30_000,
    killSignal: 'SIGKILL',
  });
  return { code: r.status ?? r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('rough edges', () => {
  test('a file name that is not UTF-8 is skipped and named as such, not "no such file"', async () => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'ok.go': 'package m\n\nvar Z interface{}\n' });
    writeFileSync(Buffer.from(`${dir}/n\xe9.go`, 'latin1'), 'package m\n\nvar X interface{}\n');
    const r = await runCli(['run', 'interface-to-any', '--write', '.'], dir);
    expect(r.stderr).not.toContain('no such file');
    expect(r.stderr).toContain('note: n\\xe9.go: skipped: a file whose name is not valid UTF-8');
    expect(r.stderr).toContain('skipped: name not UTF-8 1');
    expect(r.code).toBe(0);
    expect(readFileSync(Buffer.from(`${dir}/n\xe9.go`, 'latin1'), 'utf8')).toBe('package m\n\nvar X interface{}\n');
    expect(readFileSync(join(dir, 'ok.go'), 'utf8')).toBe('package m\n\nvar Z any\n');
  });

  test('a go.mod with a byte order mark, and no Go file: malformed, exit 2', async () => {
    const dir = tmpTree({ 'go.mod': '\uFEFFmodule m\n\ngo 1.17\n' });
    const r = await runCli(['run', '--all', '.'], dir);
    expect(r.stderr).toContain("error: go.mod:1: unexpected input character '\\ufeff'");
    expect(r.code).toBe(2);
  });

  test('a go.mod that is a FIFO is reported, never opened for a blocking read; exit 2', () => {
    const dir = tmpTree({ 'a.go': 'package m\n\nvar X interface{}\n' });
    spawnSync('mkfifo', [join(dir, 'go.mod')]);
    const r = cliBounded(dir, 'run', '--all', '--no-cache', '.');
    expect(r.stderr).toContain('error: go.mod:1: cannot read go.mod: not a regular file');
    expect(r.stderr).toContain('a.go: error: not processed: its go.mod cannot be read');
    expect(r.code).toBe(2);
  });

  test('a .gitignore or Go file replaced by a FIFO is never opened for a blocking read', () => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': 'package m\n\nvar X interface{}\n' });
    spawnSync('mkfifo', [join(dir, '.gitignore')]);
    spawnSync('mkfifo', [join(dir, 'b.go')]); // discovery skips it; package context must too
    spawnSync('git', ['init', '-q', dir]);
    const r = cliBounded(dir, 'run', 'interface-to-any', '--no-cache', '.');
    expect(r.stdout).toContain('+var X any');
    expect(r.code).toBe(0);
  });

  test('a cache directory under /proc (where mkdir -p never returns in Node): a warning, and the run goes on without the cache', () => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': 'package m\n\nvar X interface{}\n' });
    const r = cliBounded(dir, 'run', 'interface-to-any', '--cache-dir', '/proc/self/gocodemod/cache', '.');
    expect(r.stderr).toContain('gocodemod: warning: cache directory /proc/self/gocodemod/cache: no such file or directory; running without the cache');
    expect(r.stdout).toContain('+var X any');
    expect(r.code).toBe(0);
  });
});

describe('codemods that read other files at run time', () => {
  const codemod = (extra: string) => `
import { readFileSync } from 'node:fs';
import { defineCodemod } from 'gocodemod';
export default defineCodemod({
  name: 'from-data',
  description: 'renames the variable that name.txt names',
  ${extra}
  run(ctx) {
    const name = readFileSync('name.txt', 'utf8').trim();
    const at = ctx.file.source.indexOf('var ' + name + ' ');
    if (at < 0) return;
    const edit = { start: at + 4, end: at + 4 + name.length, text: 'Renamed' };
    ctx.report({ start: edit.start, end: edit.end, message: 'rename ' + name, fixes: [{ message: 'rename', edits: [edit] }] });
  },
});
`;
  const tree = (extra: string) => tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': 'package m\n\nvar A = 1\n\nvar B = 2\n', 'name.txt': 'A\n', 'c.ts': codemod(extra) });
  const twice = (dir: string) => {
    const first = cliBounded(dir, 'run', '--codemod', 'c.ts', '.');
    writeFileSync(join(dir, 'name.txt'), 'B\n');
    const second = cliBounded(dir, 'run', '--codemod', 'c.ts', '.');
    return [first.stdout, second.stdout];
  };

  test('undeclared, a changed data file is not seen by a warm run (the documented limit)', () => {
    const [first, second] = twice(tree(''));
    expect(first).toContain('+var Renamed = 1');
    expect(second).toBe(first);
  });

  test('declared in cacheInputs, a changed data file gives a fresh result', () => {
    const [first, second] = twice(tree("cacheInputs: ['name.txt'],"));
    expect(first).toContain('+var Renamed = 1');
    expect(second).toContain('+var Renamed = 2');
  });

  test('cacheInputs may depend on the options', () => {
    const [, second] = twice(tree("defaultOptions: { data: 'name.txt' }, cacheInputs: (o) => [o.data],"));
    expect(second).toContain('+var Renamed = 2');
  });

  test('cache: false, nothing is cached and every run is fresh', () => {
    const dir = tree('cache: false,');
    const [, second] = twice(dir);
    expect(second).toContain('+var Renamed = 2');
    expect(cacheEntries(join(dir, '.cache'))).toBe(0);
  });
});
