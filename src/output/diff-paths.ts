/**
 * The paths that diffs, patches and review formats name. `git apply` reads a patch's paths
 * from the root of the work tree, whatever the current directory, so inside a git work tree
 * they are written from its root, as `git diff` writes them; with `--relative` (as in git)
 * or outside any work tree, from the current directory. `path:line:col` messages always
 * stay relative to the current directory, as editors and gofmt expect.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The root of the git work tree holding `dir`: the nearest directory, `dir` or above, with
 * a `.git` entry (a directory, or a file as in linked worktrees and submodules).
 */
export function gitWorkTreeRoot(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

export interface DiffPaths {
  /** The directory diff paths are relative to. */
  base: string;
  /** Whether that is a git work tree's root (else it is the current directory). */
  fromGitRoot: boolean;
  /** The path of a file in diffs, from its absolute path; `display` is its cwd-relative path. */
  of(abs: string, display: string): string;
}

export function diffPaths(cwd: string, relativeToCwd: boolean): DiffPaths {
  const root = relativeToCwd ? undefined : gitWorkTreeRoot(cwd);
  if (!root || root === resolve(cwd)) return { base: resolve(cwd), fromGitRoot: Boolean(root), of: (_abs, display) => display };
  return {
    base: root,
    fromGitRoot: true,
    of(abs, display) {
      const rel = relative(root, abs);
      // A file outside the work tree cannot be named from its root: keep the cwd-relative path.
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return display;
      return sep === '/' ? rel : rel.split(sep).join('/');
    },
  };
}
