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
 * One index per cache and set of paths given, written atomically at the end of a run
 * (a concurrent run's index may win: every entry is checked on use, so that only costs
 * speed).
 */
import { createHash } from 'node:crypto';
import { renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { makeDirs, readRegularFile } from './safe-fs.js';
import { dirname, join } from 'node:path';

const RACY_MS = 2000;
const FORMAT = 'stat-v2';

/**
 * dev, ino, size, mtimeMs, ctimeMs, then the digest. Milliseconds as doubles keep about a
 * microsecond of precision today: far finer than RACY_MS, which is what matters (and
 * non-bigint stat calls cost half as much).
 */
type Entry = [number, number, number, number, number, string];

export class StatIndex {
  private entries: Record<string, Entry>;
  private changed = false;
  /** Files looked up or hashed in this run: what a pruning save keeps. */
  private readonly touched = new Set<string>();

  private constructor(
    private readonly file: string,
    entries: Record<string, Entry>,
  ) {
    this.entries = entries;
  }

  /** The index of a cache directory for a run over `roots` (absolute paths) from `cwd`. */
  static open(cacheDir: string, cwd: string, roots: readonly string[]): StatIndex {
    const name = createHash('sha256').update(JSON.stringify([cwd, [...roots].sort()])).digest('hex');
    const file = join(cacheDir, FORMAT, `${name}.json`);
    let entries: Record<string, Entry> = {};
    try {
      const parsed: unknown = JSON.parse(readRegularFile(file).toString('utf8'));
      // Anything but the shape we write (a truncated or foreign file) is no index at all.
      // (Each entry's own shape is checked when it is looked up.)
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) entries = parsed as Record<string, Entry>;
    } catch {
      /* none yet, or unreadable: start empty */
    }
    return new StatIndex(file, entries);
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
      for (const abs of Object.keys(this.entries)) {
        if (!this.touched.has(abs)) {
          delete this.entries[abs];
          this.changed = true;
        }
      }
    }
    if (!this.changed) return;
    try {
      makeDirs(dirname(this.file));
      const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.entries));
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
