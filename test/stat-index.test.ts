/**
 * The stat index (src/run/stat-index.ts): a file's digest is reused only while its identity
 * (device, inode, size, mtime, ctime) is unchanged, and never for a file changed within
 * the racy window before it was hashed. Files made by a test are always "recent", so the
 * tests that need remembered digests wait out the window once.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { DirReader } from '../src/run/dir-inputs.js';
import { StatIndex } from '../src/run/stat-index.js';
import { moduleLinesOf } from '../src/run/workspace.js';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const pastRacyWindow = () => new Promise((r) => setTimeout(r, 2100));

test('a file changed just before it was hashed is not remembered (the racy window)', () => {
  const dir = tmpTree({ 'a.go': 'package a\n' });
  const cache = mkdtempSync(join(tmpdir(), 'gocodemod-stat-'));
  const index = StatIndex.open(cache, dir, [dir]);
  const [input] = new DirReader().digest(dir, [{ abs: join(dir, 'a.go'), path: 'a.go', dir }], false, (a) => a, undefined, index);
  expect(input.digest).toBe(sha('package a\n'));
  expect(index.lookup(join(dir, 'a.go'))).toBeUndefined();
});

test('remembered digests hold only while device, inode, size, mtime and ctime all match', async () => {
  const dir = tmpTree({ 'a.go': 'package a\n', 'b.go': 'package b\n' });
  await pastRacyWindow();
  const cache = mkdtempSync(join(tmpdir(), 'gocodemod-stat-'));
  const files = ['a.go', 'b.go'].map((n) => ({ abs: join(dir, n), path: n, dir }));
  const index = StatIndex.open(cache, dir, [dir]);
  new DirReader().digest(dir, files, false, (a) => a, undefined, index);
  index.save(true);

  const reopened = StatIndex.open(cache, dir, [dir]);
  expect(reopened.lookup(join(dir, 'a.go'))).toBe(sha('package a\n'));
  expect(reopened.lookup(join(dir, 'b.go'))).toBe(sha('package b\n'));
  // Same size, mtime put back: only ctime tells, and it does.
  const a = join(dir, 'a.go');
  const before = statSync(a);
  writeFileSync(a, 'package x\n');
  utimesSync(a, before.atime, before.mtime);
  expect(statSync(a).size).toBe(before.size);
  expect(reopened.lookup(a)).toBeUndefined();
  // A pruning save keeps only what its run touched.
  reopened.save(true);
  const pruned = StatIndex.open(cache, dir, [dir]);
  pruned.lookup(a); // b.go not touched: as if deleted
  pruned.save(true);
  expect(StatIndex.open(cache, dir, [dir]).lookup(join(dir, 'b.go'))).toBeUndefined();
  // Another index (other paths given) knows nothing.
  expect(StatIndex.open(cache, dir, [join(dir, 'b.go')]).lookup(join(dir, 'b.go'))).toBeUndefined();
});

test('through the CLI: a warm run after an edit that keeps size and mtime shows the new content', async () => {
  const src = (v: string) => `package p\n\nvar X interface{} = ${v}\n`;
  const dir = tmpTree({ 'go.mod': 'module example.com/p\n\ngo 1.22\n', 'p.go': src('"a"') });
  await pastRacyWindow();
  const env = { GOCODEMOD_CACHE_DIR: mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-')) };
  const args = ['run', 'interface-to-any', '.'];
  expect((await runCli(args, dir, { env })).stdout).toContain('+var X any = "a"\n');
  const p = join(dir, 'p.go');
  expect(StatIndex.open(env.GOCODEMOD_CACHE_DIR, dir, [dir]).lookup(p)).toBe(sha(src('"a"'))); // remembered
  expect((await runCli(args, dir, { env })).stdout).toContain('+var X any = "a"\n'); // from the index
  const before = statSync(p);
  writeFileSync(p, src('"b"'));
  utimesSync(p, before.atime, before.mtime);
  const after = await runCli(args, dir, { env });
  expect(after.stdout).toContain('+var X any = "b"\n');
  expect(after.stdout).toBe((await runCli([...args, '--no-cache'], dir)).stdout);
  expect(readFileSync(p, 'utf8')).toBe(src('"b"'));
});

test('an index or cache entry of the wrong shape is a miss, never a crash', async () => {
  const dir = tmpTree({ 'go.mod': 'module example.com/p\n\ngo 1.22\n', 'p.go': 'package p\n\nvar X interface{}\n' });
  const cache = mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-'));
  const env = { GOCODEMOD_CACHE_DIR: cache };
  const args = ['run', 'interface-to-any', '.'];
  const want = (await runCli([...args, '--no-cache'], dir)).stdout;
  await pastRacyWindow(); // so that the stat index is written too
  expect((await runCli(args, dir, { env })).stdout).toBe(want);
  // Every JSON file of the cache (entries and the stat index) replaced by valid JSON of another shape.
  const jsonFiles = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsonFiles(join(d, e.name)) : e.name.endsWith('.json') ? [join(d, e.name)] : []));
  const files = jsonFiles(cache);
  // The directory's entry, the stat index, and the tool's code hash (with its files'
  // identities; not kept when a source file changed in the last seconds).
  const kinds = files.map((f) => f.slice(cache.length + 1).split('/')[0]).sort();
  expect(kinds.filter((k) => k !== 'code-hash-v1.json')).toEqual(['stat-v5', 'v7']);
  for (const shape of ['null', '[]', '{"files": 3}', '{"x": [1, 2]}']) {
    for (const f of files) writeFileSync(f, shape);
    const r = await runCli(args, dir, { env });
    expect({ shape, code: r.code, stdout: r.stdout }).toEqual({ shape, code: 0, stdout: want });
  }
});

test('what a go.mod gives its module is kept by its text: another text is parsed again, a damaged entry is none', () => {
  const cache = mkdtempSync(join(tmpdir(), 'gocodemod-stat-'));
  const index = StatIndex.open(cache, '/r', ['/r']);
  const text = 'module example.com/m\n\ngo 1.21\n';
  expect(index.moduleLines.get(text)).toBeUndefined();
  index.moduleLines.put(text, moduleLinesOf(text));
  index.save(true);
  const reopened = StatIndex.open(cache, '/r', ['/r']);
  expect(reopened.moduleLines.get(text)).toEqual({ version: '1.21', line: 3, path: 'example.com/m' });
  expect(reopened.moduleLines.get(text.replace('1.21', '1.22'))).toBeUndefined();
  const file = join(cache, 'stat-v5', readdirSync(join(cache, 'stat-v5'))[0]);
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  for (const k of Object.keys(stored.modules)) stored.modules[k] = { version: 1.21 };
  writeFileSync(file, JSON.stringify(stored));
  expect(StatIndex.open(cache, '/r', ['/r']).moduleLines.get(text)).toBeUndefined();
});
