/** The content cache, --shard and --jobs never change a result; progress stays off pipes. */
import { cpSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinCodemods } from '../src/registry/builtins.js';
import { cacheEntries, ResultCache, toolCodeHash } from '../src/run/cache.js';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { diffHunks } from '../src/output/unified-diff.js';
import { run } from '../src/run/runner.js';
import { Progress, progressLine } from '../src/cli/progress.js';
import { parseShard } from '../src/run/shard.js';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, copyExamples, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

/** The summary without its timing line, which differs from run to run. */
/**
 * A file that makes a run start a worker (src/run/dispatch.ts): ~900 KB that codemods parse,
 * more work than the main thread keeps for itself at any speed the examples' directories teach.
 */
const BIG_GO = `package modern\n\nvar X interface{}\n${Array.from({ length: 60000 }, (_, i) => `var V${i} = ${i}\n`).join('')}`;

const stable = (stderr: string) => stderr.replace(/\n\s+[\d.]+s \(.*\)\n$/, '\n');

describe('content cache', () => {
  test('a cached run (cold and warm) prints exactly what an uncached run prints', async () => {
    const dir = copyExamples();
    const cache = mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-'));
    const env = { GOCODEMOD_CACHE_DIR: cache };
    const uncached = await runCli(['run', '--all', '--no-cache', 'examples'], dir, { env });
    expect(cacheEntries(cache)).toBe(0);
    const cold = await runCli(['run', '--all', 'examples'], dir, { env });
    const entries = cacheEntries(cache);
    expect(entries).toBeGreaterThan(5);
    const warm = await runCli(['run', '--all', 'examples'], dir, { env });
    expect(cacheEntries(cache)).toBe(entries); // nothing recomputed
    for (const r of [cold, warm]) {
      expect(r.code).toBe(uncached.code);
      expect(r.stdout).toBe(uncached.stdout);
      expect(stable(r.stderr)).toBe(stable(uncached.stderr));
    }
    const check = await runCli(['run', '--all', '--check', 'examples'], dir, { env });
    const checkUncached = await runCli(['run', '--all', '--check', '--no-cache', 'examples'], dir, { env });
    expect(check.stdout).toBe(checkUncached.stdout);
  });

  test('editing one file recomputes its package only; editing a go.mod recomputes its module', async () => {
    const dir = copyExamples();
    const cache = mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-'));
    const env = { GOCODEMOD_CACHE_DIR: cache };
    await runCli(['run', '--all', 'examples'], dir, { env });
    const before = cacheEntries(cache);

    const events = join(dir, 'examples/modern/events/events.go');
    writeFileSync(events, readFileSync(events, 'utf8') + '\n// Touched.\nvar Touched interface{}\n');
    const r = await runCli(['run', '--all', 'examples'], dir, { env });
    expect(cacheEntries(cache)).toBe(before + 1);
    expect(r.stdout).toContain('+var Touched any');

    // legacy has one package; its go directive decides what the codemods may write. The
    // go.mod's own result (go-directive-bump) is one entry, the package another.
    writeFileSync(join(dir, 'examples/legacy/go.mod'), 'module example.com/legacy\n\ngo 1.23\n');
    await runCli(['run', '--all', 'examples'], dir, { env });
    expect(cacheEntries(cache)).toBe(before + 3);
  });

  test('files read only as context are part of the key: a change there recomputes the files that see it', async () => {
    const dir = copyExamples();
    const env = { GOCODEMOD_CACHE_DIR: mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-')) };
    // Only events.go is given; the package's other files are context for the package-scoped
    // codemod, which must not write `any` where the package declares its own.
    const args = ['run', 'interface-to-any', 'examples/modern/events/events.go'];
    expect((await runCli(args, dir, { env })).stdout).toContain('+\tData  any\n');
    writeFileSync(join(dir, 'examples/modern/events/shadow.go'), 'package events\n\nvar any = 1\n');
    const after = await runCli(args, dir, { env });
    expect(after.stdout).toBe('');
    expect(after.stdout).toBe((await runCli([...args, '--no-cache'], dir)).stdout);
  });

  test("entries keep no copy of a changed file's texts: a hit makes them again from the file, unless it changed since it was hashed", async () => {
    const dir = copyExamples();
    // A large file with one change: its entry must not hold it.
    const big = join(dir, 'examples', 'modern', 'big.go');
    writeFileSync(big, `package modern\n\nvar Changed interface{}\n${Array.from({ length: 4000 }, (_, i) => `var V${i} int\n`).join('')}`);
    const cacheDir = mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-'));
    const config = { cwd: dir, paths: ['examples'], codemods: builtinCodemods.filter((c) => !c.explicitOnly).map((codemod) => ({ codemod, options: {} })), jobs: 1, cacheDir };
    type Seen = { path: string; original: string; output: string; diffHunks?: string };
    const seen = async () => {
      const out: Seen[] = [];
      await run({ ...config, onResult: (r) => out.push({ path: r.path, original: r.original, output: r.output, diffHunks: r.diffHunks }) });
      return out;
    };
    const cold = await seen();
    const changed = cold.filter((r) => r.output !== r.original);
    expect(changed.length).toBeGreaterThan(5);
    // go.mod and go.work files are not done by the work on directories, and get no hunks.
    for (const r of changed) expect(r.diffHunks).toBe(r.path.endsWith('.go') ? diffHunks(r.path, r.original, r.output) : undefined);
    const bigResult = changed.find((r) => r.path.endsWith('big.go'))!;
    expect(bigResult.output).toContain('var Changed any');
    // Every entry together is smaller than the one large file.
    let entryBytes = 0;
    const walk = (d: string): void => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name)) : (entryBytes += statSync(join(d, e.name)).size)));
    walk(join(cacheDir, 'v7'));
    expect(entryBytes).toBeLessThan(statSync(big).size);
    expect(await seen()).toEqual(cold);

    // The entry of big.go's directory, asked for with the digest the key was made of, and with another.
    const cache = new ResultCache(cacheDir);
    const key = 'f'.repeat(64);
    const abs = big;
    const original = readFileSync(big, 'utf8');
    const outcome = { abs, path: 'big.go', original, output: bigResult.output, diffHunks: bigResult.diffHunks, findings: [], errors: [], notes: [], skippedBy: [], suppressed: [], changes: new Map([['interface-to-any', 1]]) };
    cache.put(key, { files: [outcome], generated: 0 });
    const digest = createHash('sha256').update(readFileSync(big)).digest('hex');
    const hit = cache.get(key, [{ abs, path: 'big.go', context: false, digest }]);
    expect(hit?.files[0].original).toBe(original);
    expect(hit?.files[0].output).toBe(bigResult.output);
    expect(cache.get(key, [{ abs, path: 'big.go', context: false, digest: '0'.repeat(64) }])).toBeUndefined();
    // Hunks that do not give the output back: both texts are stored, and the hit is exact.
    cache.put(key, { files: [{ ...outcome, diffHunks: '@@ -1 +1 @@\n-x\n+y\n' }], generated: 0 });
    expect(cache.get(key, [{ abs, path: 'big.go', context: false, digest: '0'.repeat(64) }])?.files[0].output).toBe(bigResult.output);
  });

  test('texts: false leaves changed files without their texts, computed or cached, with the same statuses and hunks', async () => {
    const dir = copyExamples();
    // Enough to parse that a worker starts: results come from one, and from this thread.
    writeFileSync(join(dir, 'examples', 'modern', 'big.go'), BIG_GO);
    const base = { cwd: dir, paths: ['examples'], codemods: builtinCodemods.filter((c) => !c.explicitOnly).map((codemod) => ({ codemod, options: {} })), jobs: 2 };
    type Row = { path: string; status: string; original: string; output: string; diffHunks?: string };
    const rows = async (extra: object) => {
      const out: Row[] = [];
      const summary = await run({ ...base, ...extra, onResult: (r) => out.push({ path: r.path, status: r.status, original: r.original, output: r.output, diffHunks: r.diffHunks }) });
      return { out, changed: summary.changed, workers: summary.workers };
    };
    const full = await rows({});
    expect(full.workers).toBeGreaterThan(0);
    const changedGo = full.out.filter((r) => r.status === 'changed' && r.path.endsWith('.go'));
    expect(changedGo.length).toBeGreaterThan(5);
    const cacheDir = mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-'));
    for (const extra of [{}, { cacheDir }, { cacheDir }]) {
      const lean = await rows({ ...extra, texts: false });
      expect(lean.changed).toBe(full.changed);
      expect(lean.out.map((r) => [r.path, r.status, r.diffHunks])).toEqual(full.out.map((r) => [r.path, r.status, r.diffHunks]));
      for (const r of lean.out.filter((r) => r.status === 'changed' && r.path.endsWith('.go'))) expect([r.original, r.output]).toEqual(['', '']);
    }
    // --write needs them: texts: false is ignored there.
    const written = await rows({ texts: false, write: true });
    for (const r of written.out.filter((r) => r.status === 'changed')) expect(r.output).not.toBe('');
  });

  test("the tool's code hash is kept with its files' identity, and a kept hash of other files is never used", () => {
    const cache = mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-'));
    const hash = toolCodeHash();
    writeFileSync(join(cache, 'code-hash-v1.json'), JSON.stringify({ identity: 'files as they were before an upgrade', hash: 'stale' }));
    expect(toolCodeHash(cache)).toBe(hash);
    const kept = JSON.parse(readFileSync(join(cache, 'code-hash-v1.json'), 'utf8'));
    expect(kept.hash).toBe(hash);
    expect(kept.identity).not.toBe('files as they were before an upgrade');
  });

  test('a run that finds everything cached starts no worker thread', async () => {
    const dir = copyExamples();
    // Enough to parse that the cold run starts a worker (a little work stays in the main thread).
    writeFileSync(join(dir, 'examples', 'modern', 'big.go'), BIG_GO);
    const config = {
      cwd: dir,
      paths: ['examples'],
      codemods: builtinCodemods.filter((c) => !c.explicitOnly).map((codemod) => ({ codemod, options: {} })),
      jobs: 2,
      cacheDir: mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-')),
    };
    const outputs = () => {
      const out: string[] = [];
      return { out, onResult: (r: { path: string; output: string }) => out.push(`${r.path}\n${r.output}`) };
    };
    const cold = outputs();
    expect((await run({ ...config, onResult: cold.onResult })).workers).toBeGreaterThan(0);
    const warm = outputs();
    expect((await run({ ...config, onResult: warm.onResult })).workers).toBe(0);
    expect(warm.out).toEqual(cold.out);
    expect(cold.out.length).toBeGreaterThan(10);
  });
});

describe('--shard', () => {
  test('shards partition the files, and together print exactly the unsharded diff', async () => {
    const dir = copyExamples();
    const whole = await runCli(['run', '--all', '--no-cache', 'examples'], dir);
    const chunks = (diff: string) => diff.split(/(?=^diff --git )/m).filter(Boolean);
    const all: string[] = [];
    let scanned = 0;
    for (let k = 1; k <= 3; k++) {
      const r = await runCli(['run', '--all', '--no-cache', '--shard', `${k}/3`, 'examples'], dir);
      expect(r.code).toBe(0);
      all.push(...chunks(r.stdout));
      scanned += Number(/(\d+) files? scanned/.exec(r.stderr)![1]);
    }
    expect(all.sort()).toEqual(chunks(whole.stdout).sort());
    expect(scanned).toBe(Number(/(\d+) files? scanned/.exec(whole.stderr)![1]));
  });

  test('K/N is validated', async () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) expect(parseShard(bad)).toBeUndefined();
    const r = await runCli(['run', '--all', '--shard', '3/2', '.'], tmpTree({}));
    expect(r).toMatchObject({ code: 2, stderr: expect.stringMatching(/--shard 3\/2: expected K\/N/) });
  });
});

test('the output does not depend on the number of worker threads', async () => {
  const dir = copyExamples();
  const runs = await Promise.all([1, 2, 3].map((j) => runCli(['run', '--all', '--no-cache', '-j', String(j), 'examples'], dir)));
  expect(runs[0].stdout.length).toBeGreaterThan(1000);
  for (const r of runs) {
    expect(r.stdout).toBe(runs[0].stdout);
    expect(stable(r.stderr)).toBe(stable(runs[0].stderr));
  }
});

describe('progress', () => {
  test('silent for the first second, then one redrawn line, cleared at the end', () => {
    let out = '';
    const p = new Progress({ write: (s: string) => (out += s) }, 0);
    p.update(5, 10);
    expect(out).toMatch(/^\r\x1b\[Kgocodemod: 5\/10 files \(50%\), \d+ files\/s, ETA \d+s$/);
    p.clear();
    expect(out.endsWith('\r\x1b[K')).toBe(true);
    let quiet = '';
    const slow = new Progress({ write: (s: string) => (quiet += s) }, 60_000);
    slow.update(1, 10);
    slow.clear();
    expect(quiet).toBe('');
    expect(progressLine(30, 120, 10, 90)).toBe('gocodemod: 30/120 files (25%), 10 files/s, ETA 1m30s');
  });

  test('never on a pipe', async () => {
    const r = await runCli(['run', '--all', 'examples'], join(import.meta.dirname, '..'));
    expect(r.stderr).not.toContain('\r');
  });
});
