/**
 * The .gitignore files in effect for each directory of a walk (nested ones, and
 * .git/info/exclude at the repository's top), with git's precedence: the deepest file with a
 * verdict (ignore or !negation) wins.
 *
 * Built for a walk that asks about every entry of every directory: each directory's layers
 * come from its parent's, with the entry's path relative to each layer's directory made by
 * concatenation (no path normalisation per entry), and a layer's matcher (the `ignore`
 * package, loaded on first use: most trees have no .gitignore below the paths given) is
 * compiled only when an entry is first tested against it. `key` names a directory's layers
 * by their contents, for the listing cache (src/run/discover.ts): a directory's entries are
 * judged the same way while it is the same.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { Ignore } from 'ignore';
import { readRegularFile } from './safe-fs.js';

const require = createRequire(import.meta.url);
const ignore = (): Ignore => (require('ignore') as () => Ignore)();

interface Layer {
  /** The directory of the .gitignore (or the top, for .git/info/exclude). */
  base: string;
  text: string;
  ig?: Ignore;
}

/** The layers in effect in one directory, deepest last. */
export interface DirIgnores {
  layers: Layer[];
  /** Per layer: this directory's path relative to the layer's base, with a trailing '/' ('' for the base itself). */
  prefixes: string[];
  /** The layers' bases and contents, as one digest ('' when there are none). */
  key: string;
}

const NONE: DirIgnores = { layers: [], prefixes: [], key: '' };

export class GitIgnores {
  private readonly dirs = new Map<string, DirIgnores>();

  /** `top`: the repository's root (the walk's root outside a repository). */
  constructor(private readonly top: string | undefined) {}

  /**
   * The layers of `dir`, built from its parent's (up to the top). `names`, when the caller
   * has just listed the directory (or remembers its listing), says whether it holds a
   * .gitignore without a failing read per directory (exceptions are most of a walk's cost on
   * large trees).
   */
  forDir(dir: string, names?: ReadonlySet<string>): DirIgnores {
    const known = this.dirs.get(dir);
    if (known) return known;
    let inherited = NONE;
    if (this.top && dir !== this.top && dir.startsWith(this.top)) inherited = this.forDir(dirname(dir));
    const own: Layer[] = [];
    const files = !names || names.has('.gitignore') ? [join(dir, '.gitignore')] : [];
    if (dir === this.top) files.push(join(dir, '.git', 'info', 'exclude'));
    for (const f of files) {
      try {
        own.push({ base: dir, text: readRegularFile(f).toString('utf8') }); // a FIFO named .gitignore must not block the walk
      } catch {
        /* none, or unreadable */
      }
    }
    const name = basename(dir);
    const result: DirIgnores = {
      layers: [...inherited.layers, ...own],
      prefixes: [...inherited.prefixes.map((p) => `${p}${name}/`), ...own.map(() => '')],
      key: own.length ? createHash('sha256').update(inherited.key).update(JSON.stringify(own.map((l) => [l.base, l.text]))).digest('hex') : inherited.key,
    };
    this.dirs.set(dir, result);
    return result;
  }

  /** gitignore semantics for the entry `name` of a directory with layers `d`. */
  ignores(d: DirIgnores, name: string, isDir: boolean): boolean {
    for (let i = d.layers.length - 1; i >= 0; i--) {
      const layer = d.layers[i];
      const rel = d.prefixes[i] + name;
      const verdict = (layer.ig ??= ignore().add(layer.text)).test(isDir ? rel + '/' : rel);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}
