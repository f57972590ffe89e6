/** A directory's module as the work on it sees it: what the main thread read of its go.mod. */
import { dirname, relative, sep } from 'node:path';

export interface Module {
  /** Absolute path of the go.mod (of a vendored module: vendor/<module path>/go.mod, where it would be). */
  gomod: string;
  /** The go directive; "1.16" when the go.mod has none (what the go command assumes). */
  goVersion: string;
  /** A problem reading the go directive (with its 1-based line), reported once per module. */
  problem?: { line: number; message: string; unreadable?: boolean };
  /** The module path (`module` line), e.g. "example.com/x", or "std" for the standard library. */
  path?: string;
  /**
   * The go directive as the go.mod is on disk, when this run sees it with another text (as
   * phase one of the run rewrote it) and another version.
   */
  goVersionOnDisk?: string;
}

/** The import path of the package in `dir`: module path + the directory below the go.mod. */
export function importPathOf(mod: Module | null, dir: string): string | undefined {
  if (!mod?.path) return undefined;
  const rel = relative(dirname(mod.gomod), dir).split(sep).join('/');
  if (rel.startsWith('..')) return undefined;
  if (rel === '') return mod.path;
  // The standard library's module "std" has no prefix: src/net/http is "net/http".
  return mod.path === 'std' ? rel : `${mod.path}/${rel}`;
}

