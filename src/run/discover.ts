/**
 * Discovery: turns path arguments into the sorted, deduplicated list of files to process,
 * following the go command's rules (vendor, testdata, `.` and `_` names are not part of any
 * package) and the repository's .gitignore files. Symlinks are never followed or written
 * through. Reads directories only; file contents are the runner's job.
 */
import { existsSync, lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { readRegularFile } from './safe-fs.js';
import { dirname, join, relative, resolve, sep, basename } from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import type picomatchType from 'picomatch';
import type { RunScopes, ScopeDiscovery } from './scopes.js';

// Loaded on first use: most trees have no .gitignore below the paths given, and most runs
// no --exclude (each costs ~10 ms to load, on every run).
const require = createRequire(import.meta.url);
const ignore = (): Ignore => (require('ignore') as () => Ignore)();
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
  /**
   * Settings that vary by directory (config files): each directory's entries are judged by
   * its own scope's includeVendor, includeTestdata and exclude, which then replace the three
   * options above.
   */
  scopes?: Pick<RunScopes, 'of' | 'discovery'>;
}

interface DirRules {
  includeVendor: boolean;
  includeTestdata: boolean;
  excluded(abs: string): boolean;
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
  };
}

export interface DiscoveredFile {
  abs: string;
  /** Relative to cwd, forward slashes: what diffs and messages print. */
  path: string;
}

export type SkipReason = 'vendor' | 'testdata' | 'hidden' | 'gitignored' | 'excluded' | 'symlink' | 'name not UTF-8';

export interface Discovery {
  files: DiscoveredFile[];
  /**
   * The `*.go` entries (files and symlinks, whatever their names) of every directory the walk
   * listed, so that reading a package's other files needs no second listing.
   */
  goEntries: Map<string, Dirent[]>;
  /**
   * Skipped directories and files, by reason (a skipped directory counts once). `message`:
   * for the reasons a user would not expect, what to print about it.
   */
  skipped: { path: string; reason: SkipReason; message?: string }[];
  errors: { path: string; message: string }[];
}

export const isGoFile = (name: string) => name.endsWith('.go');

/** Display form of a path: relative to cwd, forward slashes. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

interface IgnoreLayer {
  base: string;
  ig: Ignore;
}

/** .gitignore files in effect for a directory, deepest last; cached per directory. */
class GitIgnores {
  private readonly layers = new Map<string, IgnoreLayer[]>();

  constructor(private readonly top: string | undefined) {}

  /**
   * Layers of `dir`, built from its parent's (up to the repository root). `names`, when the
   * caller has just listed the directory, says whether it holds a .gitignore without a
   * failing read per directory (exceptions are most of a walk's cost on large trees).
   */
  forDir(dir: string, names?: ReadonlySet<string>): IgnoreLayer[] {
    const known = this.layers.get(dir);
    if (known) return known;
    let inherited: IgnoreLayer[] = [];
    if (this.top && dir !== this.top && dir.startsWith(this.top)) inherited = this.forDir(dirname(dir));
    const own: IgnoreLayer[] = [];
    const files = !names || names.has('.gitignore') ? [join(dir, '.gitignore')] : [];
    if (dir === this.top) files.push(join(dir, '.git', 'info', 'exclude'));
    for (const f of files) {
      let text: string | undefined;
      try {
        text = readRegularFile(f).toString('utf8'); // a FIFO named .gitignore must not block the walk
      } catch {
        continue;
      }
      own.push({ base: dir, ig: ignore().add(text) });
    }
    const result = own.length ? [...inherited, ...own] : inherited;
    this.layers.set(dir, result);
    return result;
  }

  /** gitignore semantics: the deepest file with a verdict (ignore or !negation) wins. */
  ignores(abs: string, isDir: boolean): boolean {
    const layers = this.forDir(dirname(abs));
    if (!layers.length) return false;
    for (let i = layers.length - 1; i >= 0; i--) {
      const rel = relative(layers[i].base, abs).split(sep).join('/');
      if (!rel || rel.startsWith('..')) continue;
      const verdict = layers[i].ig.test(isDir ? rel + '/' : rel);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}

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

export function discover(args: readonly string[], opts: DiscoverOptions): Discovery {
  const wanted = opts.wanted ?? isGoFile;
  const files = new Map<string, DiscoveredFile>();
  const goEntries = new Map<string, Dirent[]>();
  const skipped: Discovery['skipped'] = [];
  const errors: Discovery['errors'] = [];
  const useGitignore = opts.gitignore !== false;
  const scopes = opts.scopes ?? {
    of: () => 0,
    discovery: () => ({ includeVendor: Boolean(opts.includeVendor), includeTestdata: Boolean(opts.includeTestdata), exclude: { base: opts.cwd, globs: opts.exclude ?? [] } }),
  };
  const rulesByScope = new Map<number, DirRules>();
  const rulesOf = (dir: string, names?: ReadonlySet<string>): DirRules => {
    const scope = scopes.of(dir, names);
    let rules = rulesByScope.get(scope);
    if (!rules) rulesByScope.set(scope, (rules = dirRules(scopes.discovery(scope))));
    return rules;
  };
  const ignoresByTop = new Map<string, GitIgnores>();

  const addFile = (abs: string) => {
    if (!files.has(abs)) files.set(abs, { abs, path: displayPath(abs, opts.cwd) });
  };

  /** `dirPath` is displayPath(dir): a child's display path is then a concatenation. */
  const walk = (dir: string, dirPath: string, gi: GitIgnores | undefined) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: displayPath(dir, opts.cwd), message: describeFsError(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Node decodes names as UTF-8, replacing what is not: such a name leads to no file. Say
    // what it is, and leave it out (the go command refuses such names too).
    const notUtf8 = entries.some((e) => e.name.includes('\uFFFD')) ? namesNotUtf8(dir) : undefined;
    if (notUtf8) {
      entries = entries.filter((e) => {
        const raw = notUtf8.get(e.name);
        if (raw === undefined || (!e.isDirectory() && !wanted(e.name))) return raw === undefined;
        const shown = dirPath === '.' ? escapeName(raw) : `${dirPath}/${escapeName(raw)}`;
        skipped.push({ path: shown, reason: 'name not UTF-8', message: `skipped: ${e.isDirectory() ? 'a directory' : 'a file'} whose name is not valid UTF-8` });
        return false;
      });
    }
    const aboveCwd = dir !== opts.cwd && opts.cwd.startsWith(dir.endsWith(sep) ? dir : dir + sep);
    const names = new Set(entries.map((e) => e.name));
    gi?.forDir(dir, names);
    goEntries.set(dir, entries.filter((e) => e.name.endsWith('.go') && (e.isFile() || e.isSymbolicLink())));
    const rules = rulesOf(dir, names);
    for (const ent of entries) {
      const isDir = ent.isDirectory();
      // Most entries of a tree are files that are not wanted: decide that before any path work.
      if (!isDir && ent.isFile() && !wanted(ent.name)) continue;
      const abs = join(dir, ent.name);
      // Below a directory under cwd, a child's display path is a concatenation; in cwd's
      // ancestors (`gocodemod run ..`), a child may be cwd or one of its parents.
      const path = aboveCwd ? displayPath(abs, opts.cwd) : dirPath === '.' ? ent.name : `${dirPath}/${ent.name}`;
      if (ent.isSymbolicLink()) {
        if (wanted(ent.name) || isSymlinkToDir(abs)) skipped.push({ path, reason: 'symlink' });
        continue;
      }
      if (!isDir && !ent.isFile()) continue;
      if (isDir && ent.name === '.git') continue;
      if (isDir && (ent.name.startsWith('.') || ent.name.startsWith('_'))) {
        skipped.push({ path, reason: 'hidden' });
        continue;
      }
      if (!isDir && !wanted(ent.name)) continue;
      if (!isDir && (ent.name.startsWith('.') || ent.name.startsWith('_'))) {
        skipped.push({ path, reason: 'hidden' });
        continue;
      }
      if (isDir && ent.name === 'vendor' && !rules.includeVendor) {
        skipped.push({ path, reason: 'vendor' });
        continue;
      }
      if (isDir && ent.name === 'testdata' && !rules.includeTestdata) {
        skipped.push({ path, reason: 'testdata' });
        continue;
      }
      if (gi && gi.ignores(abs, isDir)) {
        skipped.push({ path, reason: 'gitignored' });
        continue;
      }
      if (rules.excluded(abs)) {
        skipped.push({ path, reason: 'excluded' });
        continue;
      }
      if (isDir) walk(abs, path, gi);
      else if (!files.has(abs)) files.set(abs, { abs, path });
    }
  };

  for (const raw of args) {
    const abs = resolve(opts.cwd, stripDots(raw));
    let st;
    try {
      st = lstatSync(abs);
    } catch (e) {
      errors.push({ path: raw, message: describeFsError(e) });
      continue;
    }
    if (st.isSymbolicLink()) {
      skipped.push({ path: displayPath(abs, opts.cwd), reason: 'symlink' });
      continue;
    }
    if (st.isFile()) {
      // A file named on the command line is processed even in vendor/ or testdata/.
      if (!wanted(basename(abs))) {
        errors.push({ path: raw, message: 'not a Go file' });
        continue;
      }
      if (rulesOf(dirname(abs)).excluded(abs)) skipped.push({ path: displayPath(abs, opts.cwd), reason: 'excluded' });
      else addFile(abs);
    } else if (st.isDirectory()) {
      let gi: GitIgnores | undefined;
      if (useGitignore) {
        const top = gitTop(abs) ?? abs;
        gi = ignoresByTop.get(top);
        if (!gi) ignoresByTop.set(top, (gi = new GitIgnores(top)));
      }
      walk(abs, displayPath(abs, opts.cwd), gi);
    } else {
      errors.push({ path: raw, message: 'not a regular file or directory' });
    }
  }

  const sorted = [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: sorted, goEntries, skipped, errors };
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

/** "no such file or directory" rather than Node's "ENOENT: ..., lstat '/abs/path'". */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTREG':
      return 'not a regular file';
    default:
      return err?.message ?? String(e);
  }
}
