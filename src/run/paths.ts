/** Paths and file-system errors as gocodemod prints them. */
import { relative, sep } from 'node:path';

/** Display form of a path: relative to cwd, forward slashes. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
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
