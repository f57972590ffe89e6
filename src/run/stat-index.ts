/**
 * File digests remembered with the file's identity (device, inode, size, modification and
 * change times), so that a re-run over an unchanged tree need not read and
 * hash every file to know it is unchanged: the technique of git's index. Any write to a
 * file changes its mtime and ctime, and ctime cannot be set back by a user, so a file
 * whose identity matches has the content it had when hashed.
 *
 * The one hole is the same as git's "racy" case: a change within the same timestamp tick as
 * the hashing. So a digest is remembered only for a file whose times are at least
 * RACY_MS older than the moment it was hashed, and whose identity did not change while it
 * was read; a file edited in the last seconds before a run is always read.
 *
 * The same index keeps each walked directory's listing, judged (src/run/discover.ts: which
 * entries are taken, entered or skipped), with the directory's identity: a directory whose
 * device, inode, mtime and ctime are unchanged has the same entries (creating, deleting or
 * renaming an entry changes its mtime), so a warm run need not list it again. The racy rule
 * is the same: a listing is kept only when the directory last changed RACY_MS before it.
 *
 * Last, the index keeps, per directory, the cache key of its last result when that result
 * was only plain files (unchanged, nothing to say): the result is a function of its key, so
 * while the key is the same the entry need not be read again (most directories of a warm
 * run over a large tree).
 *
 * One index per cache and set of paths given, written atomically at the end of a run
 * (a concurrent run's index may win: every entry is checked on use, so that only costs
 * speed).
 */
import { createHash } from 'node:crypto';
import { renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { makeDirs, readRegularFile } from './safe-fs.js';
import { dirname, join } from 'node:path';
import type { DirWalk, ListingCache, WalkStep } from './discover.js';
import type { ModuleLines, ModuleLinesMemo } from './workspace.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function isModuleLines(e: unknown): e is ModuleLines {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return false;
  const m = e as Record<string, unknown>;
  const optional = (k: string, type: string) => m[k] === undefined || typeof m[k] === type;
  return optional('version', 'string') && optional('line', 'number') && optional('problem', 'string') && optional('path', 'string') && Object.keys(m).every((k) => ['version', 'line', 'problem', 'path'].includes(k));
}

export const RACY_MS = 2000;
const FORMAT = 'stat-v5';

/**
 * dev, ino, size, mtimeMs, ctimeMs, then the digest. Milliseconds as doubles keep about a
 * microsecond of precision today: far finer than RACY_MS, which is what matters (and
 * non-bigint stat calls cost half as much).
 */
type Entry = [number, number, number, number, number, string];

/** A directory's dev, ino, mtimeMs and ctimeMs, the key its entries were judged under, and the judgement. */
type DirEntry = [number, number, number, number, string, DirWalk];

/** The cache key of a directory's last result, and its files' paths, when it was only plain files. */
type PlainEntry = [string, string[]];

interface Stored {
  files: Record<string, Entry>;
  dirs: Record<string, DirEntry>;
  plain: Record<string, PlainEntry>;
  /** What the go.mod texts seen last give a directory's module, by the text's sha256. */
  modules: Record<string, ModuleLines>;
}

export class StatIndex implements ListingCache {
  private readonly entries: Record<string, Entry>;
  private readonly dirs: Record<string, DirEntry>;
  private readonly plain: Record<string, PlainEntry>;
  private readonly modules: Record<string, ModuleLines>;
  private changed = false;
  /** Files and directories looked up or recorded in this run: what a pruning save keeps. */
  private readonly touched = new Set<string>();

  private constructor(
    private readonly file: string,
    stored: Stored,
  ) {
    this.entries = stored.files;
    this.dirs = stored.dirs;
    this.plain = stored.plain;
    this.modules = stored.modules;
  }

  /** The index of a cache directory for a run over `roots` (absolute paths) from `cwd`. */
  static open(cacheDir: string, cwd: string, roots: readonly string[]): StatIndex {
    const name = createHash('sha256').update(JSON.stringify([cwd, [...roots].sort()])).digest('hex');
    const file = join(cacheDir, FORMAT, `${name}.json`);
    let stored: Stored = { files: {}, dirs: {}, plain: {}, modules: {} };
    try {
      const parsed = JSON.parse(readRegularFile(file).toString('utf8')) as Partial<Stored> | null;
      // Anything but the shape we write (a truncated or foreign file) is no index at all.
      // (Each entry's own shape is checked when it is looked up.)
      const isRecord = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
      if (isRecord(parsed) && isRecord(parsed!.files) && isRecord(parsed!.dirs) && isRecord(parsed!.plain) && isRecord(parsed!.modules)) stored = parsed as Stored;
    } catch {
      /* none yet, or unreadable: start empty */
    }
    return new StatIndex(file, stored);
  }

  /** The paths of a directory's last result under `key`, if it was only plain files (see cache.ts plainPaths). */
  plainResult(dir: string, key: string): string[] | undefined {
    this.touched.add(dir);
    const e = this.plain[dir];
    if (!Array.isArray(e) || e[0] !== key || !Array.isArray(e[1]) || !e[1].every((p) => typeof p === 'string')) return undefined;
    return e[1];
  }

  /** Keeps (or forgets, with undefined) the plain paths of a directory's result under `key`. */
  rememberPlainResult(dir: string, key: string, paths: string[] | undefined): void {
    this.touched.add(dir);
    const known = this.plain[dir];
    if (paths === undefined) {
      if (known) {
        delete this.plain[dir];
        this.changed = true;
      }
      return;
    }
    if (known?.[0] === key) return;
    this.plain[dir] = [key, paths];
    this.changed = true;
  }

  /** What go.mod texts give a directory's module, kept by the text's sha256 (Workspace). */
  readonly moduleLines: ModuleLinesMemo = {
    get: (text) => {
      const key = sha256(text);
      this.touched.add(key);
      const e = this.modules[key];
      return isModuleLines(e) ? e : undefined;
    },
    put: (text, lines) => {
      const key = sha256(text);
      this.touched.add(key);
      this.modules[key] = lines;
      this.changed = true;
    },
  };

  /** The walk kept for a directory, if it is provably unchanged since it was listed (ListingCache). */
  get(dir: string): { key: string; walk: DirWalk } | undefined {
    this.touched.add(dir);
    const e = this.dirs[dir];
    if (!isDirEntry(e)) return undefined;
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st || e[0] !== st.dev || e[1] !== st.ino || e[2] !== st.mtimeMs || e[3] !== st.ctimeMs) return undefined;
    return { key: e[4], walk: e[5] };
  }

  /** Keeps a directory's walk, unless the directory changed too shortly before it was listed (ListingCache). */
  put(dir: string, key: string, walk: DirWalk, before: Stats, listedAtMs: number): void {
    this.touched.add(dir);
    if (Math.max(before.mtimeMs, before.ctimeMs) > listedAtMs - RACY_MS) {
      if (this.dirs[dir]) {
        delete this.dirs[dir];
        this.changed = true;
      }
      return;
    }
    this.dirs[dir] = [before.dev, before.ino, before.mtimeMs, before.ctimeMs, key, walk];
    this.changed = true;
  }

  /** The remembered digest of `abs`, if the file is provably unchanged since. */
  lookup(abs: string): string | undefined {
    this.touched.add(abs);
    const e = this.entries[abs];
    if (!isEntry(e)) return undefined;
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st || !sameIdentity(e, st)) return undefined;
    return e[5];
  }

  /**
   * Remembers the digest of a file read between `before` and `after` (its identity then),
   * hashed at `hashedAtMs`, unless it changed meanwhile or is too recent to be trusted.
   */
  remember(abs: string, before: Stats, after: Stats, digest: string, hashedAtMs: number): void {
    this.touched.add(abs);
    const entry = entryOf(before, digest);
    if (!sameIdentity(entry, after)) return;
    if (Math.max(before.mtimeMs, before.ctimeMs) > hashedAtMs - RACY_MS) {
      if (this.entries[abs]) {
        delete this.entries[abs];
        this.changed = true;
      }
      return;
    }
    const old = this.entries[abs];
    if (old && old.every((v, i) => v === entry[i])) return;
    this.entries[abs] = entry;
    this.changed = true;
  }

  /**
   * Writes the index if it changed (atomically; a failure only costs speed next time).
   * `prune`: the run saw every file under its paths (no shard, not interrupted), so entries
   * it did not touch are of deleted or now-ignored files, and go.
   */
  save(prune: boolean): void {
    if (prune) {
      for (const table of [this.entries, this.dirs, this.plain, this.modules]) {
        for (const abs of Object.keys(table)) {
          if (!this.touched.has(abs)) {
            delete table[abs];
            this.changed = true;
          }
        }
      }
    }
    if (!this.changed) return;
    try {
      makeDirs(dirname(this.file));
      const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify({ files: this.entries, dirs: this.dirs, plain: this.plain, modules: this.modules } satisfies Stored));
      renameSync(tmp, this.file);
      this.changed = false;
    } catch {
      /* read-only cache: fine */
    }
  }
}

function entryOf(st: Stats, digest: string): Entry {
  return [st.dev, st.ino, st.size, st.mtimeMs, st.ctimeMs, digest];
}

function sameIdentity(e: Entry, st: Stats): boolean {
  return e[0] === st.dev && e[1] === st.ino && e[2] === st.size && e[3] === st.mtimeMs && e[4] === st.ctimeMs;
}

function isEntry(e: unknown): e is Entry {
  return Array.isArray(e) && e.length === 6 && typeof e[0] === 'number' && typeof e[1] === 'number' && typeof e[2] === 'number' && typeof e[3] === 'number' && typeof e[4] === 'number' && typeof e[5] === 'string';
}

const SKIP_REASONS = new Set(['vendor', 'testdata', 'hidden', 'gitignored', 'excluded', 'symlink', 'name not UTF-8']);
const isString = (v: unknown): v is string => typeof v === 'string';

function isStep(s: unknown): s is WalkStep {
  if (!Array.isArray(s) || !isString(s[1])) return false;
  switch (s[0]) {
    case 'f':
    case 'd':
    case 'l':
      return s.length === 2;
    case 's':
      return s.length >= 3 && s.length <= 5 && SKIP_REASONS.has(s[2]) && (s[3] === undefined || isString(s[3])) && (s[4] === undefined || isString(s[4]));
    default:
      return false;
  }
}

/** The shape put() writes, checked whole: a damaged index must never mislead a walk. */
function isDirEntry(e: unknown): e is DirEntry {
  if (!Array.isArray(e) || e.length !== 6 || !e.slice(0, 4).every((v) => typeof v === 'number') || !isString(e[4])) return false;
  const w = e[5] as Partial<DirWalk> | null;
  return (
    w !== null &&
    typeof w === 'object' &&
    Array.isArray(w.special) &&
    w.special.every(isString) &&
    Array.isArray(w.steps) &&
    w.steps.every(isStep) &&
    Array.isArray(w.goEntries) &&
    w.goEntries.every((g) => Array.isArray(g) && g.length === 2 && isString(g[0]) && typeof g[1] === 'boolean')
  );
}
