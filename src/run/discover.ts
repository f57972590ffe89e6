/**
 * Discovery: turns path arguments into the sorted, deduplicated list of files to process,
 * following the go command's rules (vendor, testdata, `.` and `_` names are not part of any
 * package) and the repository's .gitignore files. Symlinks are never followed or written
 * through. Reads directories only; file contents are the runner's job.
 *
 * Each directory's entries are judged into a `DirWalk` (files to take, directories to enter,
 * entries skipped and why), which a listing cache (`DiscoverOptions.listings`) may keep:
 * on a later run, a directory whose identity (device, inode, modification and change times)
 * is unchanged has the same entries (git's untracked cache relies on the same fact), so its
 * walk is taken again without listing it, as long as the rules it was judged by (the
 * .gitignore files in effect, the scope's settings, the names wanted) are the same.
 */
import { existsSync, lstatSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, join, resolve, sep, basename } from 'node:path';
import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';
import { GitIgnores, type DirIgnores } from './gitignores.js';
import type { RunScopes, ScopeDiscovery } from './scopes.js';
import { describeFsError, displayPath } from './paths.js';

// Where they have always been imported from; they live in paths.ts so that worker threads,
// which need them, do not load discovery.
export { describeFsError, displayPath };

// Loaded on first use: most runs have no --exclude (it costs ~10 ms to load, on every run).
const require = createRequire(import.meta.url);
const picomatch = (...args: Parameters<typeof picomatchType>) => (require('picomatch') as typeof picomatchType)(...args);

export interface DiscoverOptions {
  cwd: string;
  includeVendor?: boolean;
  includeTestdata?: boolean;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  exclude?: string[];
  /** Which file names to collect; default: *.go */
  wanted?: (name: string) => boolean;
  /** Names `wanted` for the listing cache: two runs with the same key want the same names. Without it (and a `wanted`), nothing is cached. */
  wantedKey?: string;
  /**
   * Settings that vary by directory (config files): each directory's entries are judged by
   * its own scope's includeVendor, includeTestdata and exclude, which then replace the three
   * options above.
   */
  scopes?: Pick<RunScopes, 'of' | 'discovery'>;
  /** Directory walks kept from earlier runs (src/run/stat-index.ts). */
  listings?: ListingCache;
}

interface DirRules {
  includeVendor: boolean;
  includeTestdata: boolean;
  excluded(abs: string): boolean;
  /** The settings themselves, for the listing cache's key. */
  key: string;
}

function dirRules(d: ScopeDiscovery): DirRules {
  const matchers = d.exclude.globs.map((g) => {
    // A glob without a slash matches a name at any depth, as in .gitignore.
    const m = picomatch(g, { dot: true, basename: !g.includes('/') });
    return (path: string) => m(path) || m(path + '/');
  });
  return {
    includeVendor: d.includeVendor,
    includeTestdata: d.includeTestdata,
    excluded: (abs) => matchers.length > 0 && matchers.some((m) => m(displayPath(abs, d.exclude.base))),
    key: JSON.stringify([d.includeVendor, d.includeTestdata, d.exclude.base, d.exclude.globs]),
  };
}

export interface DiscoveredFile {
  abs: string;
  /** Relative to cwd, forward slashes: what diffs and messages print. */
  path: string;
  /** Its directory (absolute): dirname(abs). */
  dir: string;
}

export type SkipReason = 'vendor' | 'testdata' | 'hidden' | 'gitignored' | 'excluded' | 'symlink' | 'name not UTF-8';

/** A `*.go` entry of a directory: what reading a package's other files needs of it. */
export interface GoEntry {
  name: string;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

export interface Discovery {
  files: DiscoveredFile[];
  /**
   * The `*.go` entries (files and symlinks, whatever their names) of every directory the walk
   * listed, so that reading a package's other files needs no second listing.
   */
  goEntries: Map<string, GoEntry[]>;
  /**
   * Skipped directories and files, by reason (a skipped directory counts once). `message`:
   * for the reasons a user would not expect, what to print about it.
   */
  skipped: { path: string; reason: SkipReason; message?: string }[];
  errors: { path: string; message: string }[];
  /** Every directory the walk went through, and whether it has an entry named go.mod. */
  goMods: Map<string, boolean>;
}

/**
 * What a walk does in one directory, in entry order: take a file (`f`), enter a directory
 * (`d`), skip an entry (`s`: name, reason, message, and the name as shown when it is not
 * UTF-8), or skip a symlink that is not a wanted file if it points to a directory (`l`:
 * checked on every run, since its target can change while the directory stays the same).
 */
export type WalkStep = ['f', string] | ['d', string] | ['s', string, SkipReason, string?, string?] | ['l', string];

export interface DirWalk {
  /** The entries that decide settings (names starting with `.git` or `gocodemod`), and go.mod. */
  special: string[];
  steps: WalkStep[];
  /** The `*.go` entries that are files or symlinks: name, and whether it is a symlink. */
  goEntries: [string, boolean][];
}

export interface ListingCache {
  /** The walk kept for `dir`, if the directory is provably unchanged since it was listed. */
  get(dir: string): { key: string; walk: DirWalk } | undefined;
  /** Keeps the walk made under `key` of a listing read at `listedAtMs`, the directory being `before` then. */
  put(dir: string, key: string, walk: DirWalk, before: Stats, listedAtMs: number): void;
}

export const isGoFile = (name: string) => name.endsWith('.go');

/** The repository root: the nearest directory at or above `dir` holding .git. */
function gitTop(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** `./...` and `dir/...` mean the directory and below, like the go command's patterns. */
function stripDots(arg: string): string {
  if (arg === '...') return '.';
  if (arg.endsWith('/...')) return arg.slice(0, -4) || '/';
  return arg;
}

/** A child's absolute path: `dir` is absolute and normalised, `name` a plain entry name. */
const childOf = (dir: string, name: string) => (dir.endsWith(sep) ? dir + name : dir + sep + name);

const isSpecial = (name: string) => name.startsWith('.git') || name.startsWith('gocodemod') || name === 'go.mod';

class ListedGoEntry implements GoEntry {
  constructor(
    readonly name: string,
    private readonly link: boolean,
  ) {}
  isFile(): boolean {
    return !this.link;
  }
  isSymbolicLink(): boolean {
    return this.link;
  }
}

/** How one directory's entries are judged: by the scope's settings and the .gitignore files in effect. */
interface Judge {
  wanted: (name: string) => boolean;
  rules: DirRules;
  gi?: GitIgnores;
  ignores?: DirIgnores;
}

/** Judges the entries of `dir` (sorted) into a walk: the go command's rules, .gitignore, the scope's settings. */
function judge(dir: string, entries: Dirent[], names: ReadonlySet<string>, j: Judge): DirWalk {
  const steps: WalkStep[] = [];
  // Node decodes names as UTF-8, replacing what is not: such a name leads to no file. Say
  // what it is, and leave it out (the go command refuses such names too).
  const notUtf8 = entries.some((e) => e.name.includes('\uFFFD')) ? namesNotUtf8(dir) : undefined;
  if (notUtf8) {
    entries = entries.filter((e) => {
      const raw = notUtf8.get(e.name);
      if (raw === undefined || (!e.isDirectory() && !j.wanted(e.name))) return raw === undefined;
      steps.push(['s', e.name, 'name not UTF-8', `skipped: ${e.isDirectory() ? 'a directory' : 'a file'} whose name is not valid UTF-8`, escapeName(raw)]);
      return false;
    });
  }
  const goFiles: [string, boolean][] = [];
  for (const e of entries) if (e.name.endsWith('.go') && (e.isFile() || e.isSymbolicLink())) goFiles.push([e.name, e.isSymbolicLink()]);
  for (const ent of entries) {
    const step = judgeEntry(dir, ent, j);
    if (step) steps.push(step);
  }
  return { special: [...names].filter(isSpecial), steps, goEntries: goFiles };
}

/** What the walk does with one entry; undefined: nothing (a file it does not want, `.git`, a device). */
function judgeEntry(dir: string, ent: Dirent, j: Judge): WalkStep | undefined {
  const isDir = ent.isDirectory();
  const name = ent.name;
  // Most entries of a tree are files that are not wanted: decide that before any path work.
  if (!isDir && ent.isFile() && !j.wanted(name)) return undefined;
  if (ent.isSymbolicLink()) return j.wanted(name) ? ['s', name, 'symlink'] : ['l', name];
  if (!isDir && !ent.isFile()) return undefined;
  if (isDir && name === '.git') return undefined;
  if (name.startsWith('.') || name.startsWith('_')) return ['s', name, 'hidden'];
  if (isDir && name === 'vendor' && !j.rules.includeVendor) return ['s', name, 'vendor'];
  if (isDir && name === 'testdata' && !j.rules.includeTestdata) return ['s', name, 'testdata'];
  if (j.gi && j.ignores && j.gi.ignores(j.ignores, name, isDir)) return ['s', name, 'gitignored'];
  if (j.rules.excluded(childOf(dir, name))) return ['s', name, 'excluded'];
  return [isDir ? 'd' : 'f', name];
}

/** One discovery: the walk of the path arguments, and what it found. */
class Walker {
  readonly files = new Map<string, DiscoveredFile>();
  readonly goEntries = new Map<string, GoEntry[]>();
  readonly goMods = new Map<string, boolean>();
  readonly skipped: Discovery['skipped'] = [];
  readonly errors: Discovery['errors'] = [];
  readonly wanted: (name: string) => boolean;
  private readonly wantedKey: string | undefined;
  private readonly listings: ListingCache | undefined;
  private readonly scopes: Pick<RunScopes, 'of' | 'discovery'>;
  private readonly rulesByScope = new Map<number, DirRules>();

  constructor(private readonly opts: DiscoverOptions) {
    this.wanted = opts.wanted ?? isGoFile;
    this.wantedKey = opts.wanted ? opts.wantedKey : 'go';
    this.listings = this.wantedKey === undefined ? undefined : opts.listings;
    this.scopes = opts.scopes ?? {
      of: () => 0,
      discovery: () => ({ includeVendor: Boolean(opts.includeVendor), includeTestdata: Boolean(opts.includeTestdata), exclude: { base: opts.cwd, globs: opts.exclude ?? [] } }),
    };
  }

  rulesOf(dir: string, names?: ReadonlySet<string>): DirRules {
    const scope = this.scopes.of(dir, names);
    let rules = this.rulesByScope.get(scope);
    if (!rules) this.rulesByScope.set(scope, (rules = dirRules(this.scopes.discovery(scope))));
    return rules;
  }

  /** What a directory's walk depends on besides its entries. */
  private keyOf(rules: DirRules, ignores: DirIgnores | undefined): string {
    return `${this.wantedKey}\0${rules.key}\0${ignores?.key ?? 'no gitignore'}`;
  }

  addFile(abs: string): void {
    if (!this.files.has(abs)) this.files.set(abs, { abs, path: displayPath(abs, this.opts.cwd), dir: dirname(abs) });
  }

  /** `dirPath` is displayPath(dir): a child's display path is then a concatenation. */
  walk(dir: string, dirPath: string, gi: GitIgnores | undefined): void {
    const { cwd } = this.opts;
    // In cwd's ancestors (`gocodemod run ..`), a child may be cwd or one of its parents: its
    // display path is computed, and such directories are not kept in the listing cache.
    const aboveCwd = dir !== cwd && cwd.startsWith(dir.endsWith(sep) ? dir : dir + sep);
    const listings = aboveCwd ? undefined : this.listings;
    const cached = listings?.get(dir);
    if (cached) {
      const special = new Set(cached.walk.special);
      const ignores = gi?.forDir(dir, special);
      if (this.keyOf(this.rulesOf(dir, special), ignores) === cached.key) return this.take(dir, dirPath, aboveCwd, gi, cached.walk);
    }
    const listedAt = Date.now();
    let before: Stats | undefined;
    let entries: Dirent[];
    try {
      if (listings) before = statSync(dir);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      this.errors.push({ path: displayPath(dir, cwd), message: describeFsError(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = new Set(entries.map((e) => e.name));
    const ignores = gi?.forDir(dir, names);
    const rules = this.rulesOf(dir, names);
    const walked = judge(dir, entries, names, { wanted: this.wanted, rules, gi, ignores });
    if (before) listings!.put(dir, this.keyOf(rules, ignores), walked, before, listedAt);
    this.take(dir, dirPath, aboveCwd, gi, walked);
  }

  /** Does what a directory's walk says: collects its files and skips, enters its directories. */
  private take(dir: string, dirPath: string, aboveCwd: boolean, gi: GitIgnores | undefined, w: DirWalk): void {
    this.goEntries.set(
      dir,
      w.goEntries.map(([name, link]) => new ListedGoEntry(name, link)),
    );
    this.goMods.set(dir, w.special.includes('go.mod'));
    const pathOf = (name: string, abs: string) => (aboveCwd ? displayPath(abs, this.opts.cwd) : dirPath === '.' ? name : `${dirPath}/${name}`);
    for (const step of w.steps) {
      const abs = childOf(dir, step[1]);
      switch (step[0]) {
        case 'f':
          if (!this.files.has(abs)) this.files.set(abs, { abs, path: pathOf(step[1], abs), dir });
          break;
        case 'd':
          this.walk(abs, pathOf(step[1], abs), gi);
          break;
        case 's': {
          const [, name, reason, message, shown] = step;
          const path = shown !== undefined ? (dirPath === '.' ? shown : `${dirPath}/${shown}`) : pathOf(name, abs);
          this.skipped.push(message === undefined ? { path, reason } : { path, reason, message });
          break;
        }
        case 'l':
          if (isSymlinkToDir(abs)) this.skipped.push({ path: pathOf(step[1], abs), reason: 'symlink' });
          break;
      }
    }
  }
}

export function discover(args: readonly string[], opts: DiscoverOptions): Discovery {
  const w = new Walker(opts);
  const ignoresByTop = new Map<string, GitIgnores>();
  for (const raw of args) {
    const abs = resolve(opts.cwd, stripDots(raw));
    let st;
    try {
      st = lstatSync(abs);
    } catch (e) {
      w.errors.push({ path: raw, message: describeFsError(e) });
      continue;
    }
    if (st.isSymbolicLink()) {
      w.skipped.push({ path: displayPath(abs, opts.cwd), reason: 'symlink' });
      continue;
    }
    if (st.isFile()) {
      // A file named on the command line is processed even in vendor/ or testdata/.
      if (!w.wanted(basename(abs))) {
        w.errors.push({ path: raw, message: 'not a Go file' });
        continue;
      }
      if (w.rulesOf(dirname(abs)).excluded(abs)) w.skipped.push({ path: displayPath(abs, opts.cwd), reason: 'excluded' });
      else w.addFile(abs);
    } else if (st.isDirectory()) {
      let gi: GitIgnores | undefined;
      if (opts.gitignore !== false) {
        const top = gitTop(abs) ?? abs;
        gi = ignoresByTop.get(top);
        if (!gi) ignoresByTop.set(top, (gi = new GitIgnores(top)));
      }
      w.walk(abs, displayPath(abs, opts.cwd), gi);
    } else {
      w.errors.push({ path: raw, message: 'not a regular file or directory' });
    }
  }
  const sorted = [...w.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: sorted, goEntries: w.goEntries, skipped: w.skipped, errors: w.errors, goMods: w.goMods };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The entries of `dir` whose names are not valid UTF-8: their lossy decoding -> their bytes. */
function namesNotUtf8(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  try {
    for (const raw of readdirSync(dir, { encoding: 'buffer' })) {
      try {
        strictUtf8.decode(raw);
      } catch {
        out.set(raw.toString('utf8'), raw);
      }
    }
  } catch {
    /* listed a moment ago: nothing to add */
  }
  return out;
}

/** A name for messages: valid UTF-8 as it is, every other byte as \xNN. */
export function escapeName(raw: Uint8Array): string {
  let out = '';
  for (let i = 0; i < raw.length; ) {
    const c = raw[i];
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n > 0 && i + n <= raw.length) {
      try {
        out += strictUtf8.decode(raw.subarray(i, i + n));
        i += n;
        continue;
      } catch {
        /* an invalid sequence: escape its first byte */
      }
    }
    out += `\\x${c.toString(16).padStart(2, '0')}`;
    i++;
  }
  return out;
}

function isSymlinkToDir(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
