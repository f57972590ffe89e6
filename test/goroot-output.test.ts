/**
 * The output of every built-in on all of GOROOT/src, against digests recorded before the
 * speed work of issue 17 (test/fixtures/goroot-output-digests.json): a faster path that
 * changes one byte of any result, finding, note, skip or its order fails here.
 *
 * Each built-in alone and `--all` in JSON (every file's status, findings, notes, skips and
 * edits, in order), and `--all` as a plain diff with the summary: at the default -j, at -j 1,
 * and with the cache, cold then warm (the warm run's shortcuts must give the same bytes).
 *
 * Then the same on the many-small-packages tree that `npm run bench` makes from GOROOT/src
 * (scripts/bench/many-packages.mjs: nested modules with long go.mod files, .gitignore files,
 * vendor/, a git repository), with go-directive-bump raising every go line, so that phase one
 * and write groups take part.
 *
 * The digests are of one tree: the recorded corpus digest says which. On another GOROOT the
 * comparison is meaningless; it is then skipped with a message, except under
 * GOCODEMOD_REQUIRE_GO=1 (CI), where it fails. To record (only on a commit whose output is
 * known good): GOCODEMOD_RECORD_DIGESTS=1 npx jest test/goroot-output.test.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';
import { builtinCodemods } from '../src/registry/builtins.js';
import { haveGo } from './helpers/go-tool.js';
import { makeManyPackagesTree } from '../scripts/bench/many-packages.mjs';

const DIGESTS = join(packageRoot(), 'test', 'fixtures', 'goroot-output-digests.json');
const bin = join(packageRoot(), 'dist', 'src', 'cli', 'bin.js');

interface Recorded {
  corpus: { goVersion: string; digest: string };
  outputs: Record<string, string>;
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** The files gocodemod reads under `src` (Go files, go.mod, go.work, .gitignore), paths and bytes. */
function corpusDigest(src: string): string {
  const h = createHash('sha256');
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(dir, e.name), path);
      else if (e.isFile() && (e.name.endsWith('.go') || ['go.mod', 'go.work', '.gitignore'].includes(e.name))) {
        h.update(path).update('\0').update(readFileSync(join(dir, e.name))).update('\0');
      }
    }
  };
  walk(src, '');
  return h.digest('hex');
}

/** stdout and stderr of the CLI in `src`; the summary's timing line (which varies) removed. */
function cli(src: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: src, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`gocodemod ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return `${r.status}\n${r.stdout}\n--- stderr\n${r.stderr.replace(/\n\s+[\d.]+s \(.*\)\n$/, '\n')}`;
}

const goOk = haveGo();

(goOk ? test : test.skip)(
  'GOROOT/src: every built-in gives the recorded output, whatever -j and the cache',
  () => {
    const src = join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'src');
    const corpus = { goVersion: execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim(), digest: corpusDigest(src) };
    const record = process.env.GOCODEMOD_RECORD_DIGESTS === '1';
    const recorded = record ? undefined : (JSON.parse(readFileSync(DIGESTS, 'utf8')) as Recorded);
    if (recorded && recorded.corpus.digest !== corpus.digest) {
      const why = `GOROOT/src (${corpus.goVersion}) is not the tree the digests were recorded on (${recorded.corpus.goVersion})`;
      if (process.env.GOCODEMOD_REQUIRE_GO === '1') throw new Error(`${why}: record them again on a commit known to be good (see this file's comment)`);
      console.warn(`${why}: not comparing`);
      return;
    }
    const outputs: Record<string, string> = {};
    for (const c of builtinCodemods) outputs[`${c.name} --format json`] = sha256(cli(src, ['run', c.name, '.', '--no-cache', '-q', '--format', 'json']));
    outputs['--all --format json'] = sha256(cli(src, ['run', '--all', '.', '--no-cache', '-q', '--format', 'json']));
    outputs['--all'] = sha256(cli(src, ['run', '--all', '.', '--no-cache']));
    const tree = mkdtempSync(join(tmpdir(), 'gocodemod-many-packages-'));
    const cache = mkdtempSync(join(tmpdir(), 'gocodemod-goroot-cache-'));
    try {
      makeManyPackagesTree(src, tree);
      const bump = ['-o', 'go-directive-bump.to=1.24'];
      outputs['many packages: --all --format json'] = sha256(cli(tree, ['run', '--all', '.', '--no-cache', '-q', '--format', 'json', ...bump]));
      outputs['many packages: --all'] = sha256(cli(tree, ['run', '--all', '.', '--no-cache', ...bump]));
      if (record) {
        writeFileSync(DIGESTS, JSON.stringify({ corpus, outputs } satisfies Recorded, null, 2) + '\n');
        return;
      }
      expect(outputs).toEqual(recorded!.outputs);
      // The same bytes in one thread, and through the cache (a first run fills it, the second reads it).
      for (const [dir, key, extra] of [
        [src, '--all', []],
        [tree, 'many packages: --all', bump],
      ] as const) {
        const env = { GOCODEMOD_CACHE_DIR: join(cache, key) };
        expect(sha256(cli(dir, ['run', '--all', '.', '--no-cache', '-j', '1', ...extra]))).toBe(outputs[key]);
        expect(sha256(cli(dir, ['run', '--all', '.', ...extra], env))).toBe(outputs[key]);
        expect(sha256(cli(dir, ['run', '--all', '.', ...extra], env))).toBe(outputs[key]);
      }
    } finally {
      rmSync(tree, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  },
  900_000,
);
