/**
 * The content cache: a directory's results, keyed by everything that can change them, so a
 * re-run over an unchanged tree only reads and hashes. It can never change a result: the
 * key covers the tool's own code (so editing a codemod invalidates it), the grammar, the
 * codemods, their options and (for codemods from the user's files) their source, the run
 * options, the module, and every input file's path, bytes and role. Entries are written
 * atomically; an unreadable entry is a miss.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { makeDirs, readRegularFile } from './safe-fs.js';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LoadedCodemod } from '../engine/engine.js';
import { fileURLToPath } from 'node:url';
import type { DirInput } from './dir-inputs.js';
import { displayPath } from './paths.js';
import { importPathOf, type Module } from './module.js';
import { emptyOutcome, isChanged, type DirResult, type OutcomeWithFile } from './dir-result.js';
import { grammarPath } from '../go/parser.js';
import { RACY_MS } from './stat-index.js';
import { applyHunks } from '../output/unified-diff.js';
import { decodeGoSource } from './read-source.js';

const FORMAT = 'v7';

/** $GOCODEMOD_CACHE_DIR, else $XDG_CACHE_HOME/gocodemod, else ~/.cache/gocodemod. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  if (env.GOCODEMOD_CACHE_DIR) return env.GOCODEMOD_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'gocodemod');
}

/** This process's code hash; `keep`: its files are old enough to trust their identity next time. */
let codeHash: { hash: string; identity: string; keep: boolean } | undefined;
const CODE_HASH_FILE = 'code-hash-v1.json';

/** Files of our dependencies that take part in computing a result (see toolCodeHash). */
const RUNTIME_DEPENDENCIES = [
  { entry: 'web-tree-sitter', files: ['web-tree-sitter.wasm', 'web-tree-sitter.js'] },
  { entry: '@wasm-fmt/gofmt', files: ['gofmt.wasm', 'gofmt_binding.js'] },
];

/** What the tool's code hash covers: each file's absolute path, and the name it is hashed under. */
function codeFiles(): { abs: string; name: string; kind: 'code' | 'grammar' | 'dependency' }[] {
  const out: ReturnType<typeof codeFiles> = [];
  // This module is .../src/run/cache.{ts,js} or .../dist/src/run/cache.js; `top` holds src/ and codemods/.
  const top = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  for (const sub of ['src', 'codemods']) {
    for (const f of listCode(join(top, sub))) {
      if (f.includes(`${'/'}testdata${'/'}`)) continue;
      out.push({ abs: f, name: f.slice(top.length), kind: 'code' });
    }
  }
  out.push({ abs: grammarPath(), name: '', kind: 'grammar' });
  // What computes results besides our own code: tree-sitter's runtime and gofmt. Two installs
  // of one gocodemod version may resolve different versions of them and share a cache.
  for (const dep of RUNTIME_DEPENDENCIES) {
    let dir: string | undefined;
    try {
      dir = dirname(createRequire(import.meta.url).resolve(dep.entry));
    } catch {
      /* hashed as not found */
    }
    for (const f of dep.files) out.push({ abs: dir === undefined ? '' : join(dir, f), name: `${dep.entry}\0${f}`, kind: 'dependency' });
  }
  return out;
}

/**
 * A hash of gocodemod's own code (engine and built-in codemods, as loaded: dist/*.js, or the
 * .ts sources under a test runner), of the grammar and of the runtime dependencies that
 * compute results. Hashing them (2 MB) costs ~10 ms, on every run that uses the cache; with
 * `cacheDir`, the hash is kept there with the identity of every file (device, inode, size,
 * mtime, ctime, as the stat index does for Go files) and reused while none changed.
 */
export function toolCodeHash(cacheDir?: string): string {
  const memo = cacheDir === undefined ? undefined : join(cacheDir, CODE_HASH_FILE);
  if (codeHash && !memo) return codeHash.hash;
  if (!codeHash) {
    const files = codeFiles();
    const startedAt = Date.now();
    const stats = files.map((f) => (f.abs ? statSync(f.abs, { throwIfNoEntry: false }) : undefined));
    const identity = createHash('sha256')
      .update(JSON.stringify(files.map((f, i) => [f.name, f.abs, stats[i] ? [stats[i]!.dev, stats[i]!.ino, stats[i]!.size, stats[i]!.mtimeMs, stats[i]!.ctimeMs] : null])))
      .digest('hex');
    // Kept only when no file changed in the racy window before hashing (see src/run/stat-index.ts).
    const keep = stats.every((st) => !st || Math.max(st.mtimeMs, st.ctimeMs) <= startedAt - RACY_MS);
    const kept = memo ? keptCodeHash(memo, identity) : undefined;
    codeHash = { hash: kept ?? hashCodeFiles(files), identity, keep };
    if (kept !== undefined) return codeHash.hash;
  } else if (keptCodeHash(memo!, codeHash.identity) !== undefined) return codeHash.hash;
  if (memo && codeHash.keep) {
    try {
      makeDirs(cacheDir!);
      const tmp = `${memo}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify({ identity: codeHash.identity, hash: codeHash.hash }));
      renameSync(tmp, memo);
    } catch {
      /* read-only cache: fine */
    }
  }
  return codeHash.hash;
}

/** The hash kept in `memo` for files of this identity, if any. */
function keptCodeHash(memo: string, identity: string): string | undefined {
  try {
    const kept = JSON.parse(readRegularFile(memo).toString('utf8')) as { identity?: unknown; hash?: unknown } | null;
    if (kept && kept.identity === identity && typeof kept.hash === 'string') return kept.hash;
  } catch {
    /* none yet, or unreadable */
  }
  return undefined;
}

function hashCodeFiles(files: ReturnType<typeof codeFiles>): string {
  const h = createHash('sha256');
  for (const f of files) {
    if (f.kind === 'code') h.update(f.name).update('\0').update(readFileSync(f.abs)).update('\0');
    else if (f.kind === 'grammar') h.update(readFileSync(f.abs));
    else if (f.abs) h.update(f.name).update('\0').update(readFileSync(f.abs));
    else h.update(`${f.name} not found`);
  }
  return h.digest('hex');
}

function listCode(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? listCode(join(dir, e.name)) : /\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []))
    .sort();
}

/**
 * The key of one directory's work: the run (`runKey`: the tool's code hash, codemods, their
 * options and sources, run options; computed once, by the main thread, so that workers
 * running the same code from elsewhere, as under a test runner, agree with it), the directory's module as the work sees it, and every input's path, role and
 * exact bytes (length-prefixed, so no two input lists hash alike).
 */
export function dirCacheKey(runKey: string, moduleKey: unknown, inputs: readonly DirInput[]): string {
  const h = createHash('sha256');
  h.update(FORMAT).update('\0').update(runKey).update('\0').update(JSON.stringify(moduleKey)).update('\0');
  for (const i of inputs) {
    const digest = i.digest ?? (i.bytes ? createHash('sha256').update(i.bytes).digest('hex') : null);
    h.update(JSON.stringify([i.path, i.context, i.readError ?? null, digest])).update('\0');
  }
  return h.digest('hex');
}

/**
 * What the codemods of a run read besides the files they are given, for the run's key: the
 * sha256 of each file a codemod declares in `cacheInputs` (resolved against `cwd`; a
 * missing or unreadable file counts as such). Not ok when a codemod opts out of the cache
 * (`cache: false`), or its `cacheInputs` cannot be computed (`problem`): the run is then not
 * cached.
 */
export function codemodInputs(codemods: readonly LoadedCodemod[], cwd: string): { ok: true; key: unknown } | { ok: false; codemod: string; problem?: string } {
  const key: [string, [string, string][]][] = [];
  for (const { codemod, options } of codemods) {
    const name = `codemod ${codemod.name}`;
    if (codemod.cache === false) return { ok: false, codemod: name }; // its choice: nothing to say
    if (codemod.cacheInputs === undefined) continue;
    let paths: unknown;
    try {
      paths = typeof codemod.cacheInputs === 'function' ? codemod.cacheInputs({ ...(codemod.defaultOptions ?? {}), ...options }) : codemod.cacheInputs;
    } catch (e) {
      return { ok: false, codemod: name, problem: `cacheInputs failed (${e instanceof Error ? e.message : String(e)})` };
    }
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) return { ok: false, codemod: name, problem: 'cacheInputs did not give an array of paths' };
    key.push([codemod.name, paths.map((p: string) => [p, fileDigest(resolve(cwd, p))])]);
  }
  return { ok: true, key };
}

function fileDigest(abs: string): string {
  try {
    return createHash('sha256').update(readRegularFile(abs)).digest('hex');
  } catch (e) {
    return `unreadable: ${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/** What the work on a directory reads of its module (`mod`): part of the directory's cache key. */
export function moduleKeyOf(mod: Module | null, dir: string, cwd: string): unknown {
  if (!mod) return null;
  return [displayPath(mod.gomod, cwd), mod.goVersion, mod.goVersionOnDisk ?? null, mod.path ?? null, mod.problem ?? null, importPathOf(mod, dir) ?? null];
}

/**
 * What is stored: a directory's result, with texts only for files whose output differs. Such
 * a file's diff hunks are stored, and its texts are made again on a hit: the original from
 * the file itself (read and checked against the digest the key was made of), the output by
 * applying the hunks to it. Only where that would not give the output back are both texts
 * stored. Entries are then a few KB where they held two copies of every changed file
 * (GOROOT/src with --all: 66 MB before), and a hit reads and parses that much less.
 */
interface Stored {
  /** A file with nothing to say (unchanged, no finding, note or error) is just its path. */
  files: (string | (Omit<OutcomeWithFile, 'abs' | 'original' | 'output' | 'changes'> & { texts: [string, string] | null | typeof FROM_DISK; changes: [string, number][] }))[];
  generated: number;
  moduleProblem?: DirResult['moduleProblem'];
}

export class ResultCache {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, FORMAT, key.slice(0, 2), `${key}.json`);
  }

  /**
   * The stored result of a directory; `inputs` give the files' absolute paths. Without
   * `texts`, changed files come without their texts (see dropTexts), and none is read.
   */
  get(key: string, inputs: readonly DirInput[], wantTexts = true): DirResult | undefined {
    let stored: Stored;
    try {
      stored = JSON.parse(readRegularFile(this.file(key)).toString('utf8')) as Stored;
    } catch {
      return undefined;
    }
    // A file of another shape (truncated by a full disk, written by hand) is a miss.
    if (!stored || typeof stored !== 'object' || !Array.isArray(stored.files) || typeof stored.generated !== 'number') return undefined;
    const mp = stored.moduleProblem as unknown;
    if (mp !== undefined && !(mp && typeof mp === 'object' && typeof (mp as Record<string, unknown>).path === 'string' && typeof (mp as Record<string, unknown>).message === 'string')) return undefined;
    if (!stored.files.every((f) => typeof f === 'string' || (f && typeof f === 'object' && typeof f.path === 'string' && Array.isArray(f.findings) && Array.isArray(f.errors) && Array.isArray(f.notes) && Array.isArray(f.skippedBy) && Array.isArray(f.changes) && Array.isArray(f.suppressed) && (f.diffHunks === undefined || typeof f.diffHunks === 'string')))) return undefined;
    const inputOf = new Map(inputs.map((i) => [i.path, i]));
    const files: OutcomeWithFile[] = [];
    for (const f of stored.files) {
      const input = inputOf.get(typeof f === 'string' ? f : f.path);
      if (input === undefined) return undefined;
      const abs = input.abs;
      if (typeof f === 'string') {
        files.push(emptyOutcome(abs, f));
        continue;
      }
      const { texts, changes, ...rest } = f;
      let original = '';
      let output = '';
      if (!wantTexts && rest.diffHunks !== undefined) {
        /* left empty: the hunks say it changed (isChanged) */
      } else if (texts === FROM_DISK) {
        const remade = textsFromDisk(input, f.diffHunks);
        if (!remade) return undefined; // the file changed since it was hashed, or cannot be read: computed again
        [original, output] = remade;
      } else if (texts) [original, output] = texts;
      files.push({ ...rest, abs, original, output, changes: new Map(changes) });
    }
    return { files, generated: stored.generated, moduleProblem: stored.moduleProblem };
  }

  put(key: string, result: DirResult): void {
    const stored: Stored = {
      files: result.files.map(({ abs: _abs, original, output, changes, ...rest }) =>
        isPlain({ original, output, changes, ...rest })
          ? rest.path
          : { ...rest, texts: output === original ? null : rest.diffHunks !== undefined && applyHunks(original, rest.diffHunks) === output ? FROM_DISK : ([original, output] as [string, string]), changes: [...changes] },
      ),
      generated: result.generated,
      moduleProblem: result.moduleProblem,
    };
    const file = this.file(key);
    try {
      makeDirs(dirname(file));
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify(stored));
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}

/** Stored in place of a changed file's texts: they are made again from the file and its hunks. */
const FROM_DISK = 'from-disk';

/**
 * A changed file's texts for a hit: the original, decoded from the file as the work decodes
 * it, provided its bytes are those of the key (`input.digest`); the output, the hunks applied.
 */
function textsFromDisk(input: DirInput, hunks: string | undefined): [string, string] | undefined {
  if (hunks === undefined || input.digest === undefined) return undefined;
  let bytes: Buffer;
  try {
    bytes = readRegularFile(input.abs);
  } catch {
    return undefined;
  }
  if (createHash('sha256').update(bytes).digest('hex') !== input.digest) return undefined;
  const decoded = decodeGoSource(bytes);
  if (!decoded.ok) return undefined;
  const output = applyHunks(decoded.text, hunks);
  return output === undefined ? undefined : [decoded.text, output];
}

/** A file with nothing to say: unchanged, no finding, note, error, skip or suppression. */
function isPlain(o: Omit<OutcomeWithFile, 'abs'>): boolean {
  return !isChanged(o) && !o.changes.size && !o.findings.length && !o.errors.length && !o.notes.length && !o.skippedBy.length && !o.suppressed.length;
}


/**
 * The paths of a directory's result when it is only plain files (nothing to say about any,
 * none generated, no module problem): what the stat index can keep in place of reading the
 * entry next time (src/run/stat-index.ts).
 */
export function plainPaths(result: DirResult): string[] | undefined {
  if (result.generated || result.moduleProblem || !result.files.every(isPlain)) return undefined;
  return result.files.map((f) => f.path);
}

/** The result whose plainPaths are `paths`, for these inputs (undefined: a path is not among them). */
export function plainResult(paths: readonly string[], inputs: readonly DirInput[]): DirResult | undefined {
  const absOf = new Map(inputs.map((i) => [i.path, i.abs]));
  const files: OutcomeWithFile[] = [];
  for (const path of paths) {
    const abs = absOf.get(path);
    if (abs === undefined) return undefined;
    files.push(emptyOutcome(abs, path));
  }
  return { files, generated: 0 };
}

/** How many entries the cache holds (for tests and reports). */
export function cacheEntries(dir: string): number {
  let n = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.json') && statSync(join(d, e.name)).isFile()) n++;
    }
  };
  try {
    walk(join(dir, FORMAT));
  } catch {
    /* no cache yet */
  }
  return n;
}
