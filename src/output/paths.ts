/** How files outside the Go tree (codemod files, fixtures, stacks) are named in messages. */
import { isAbsolute, relative, sep } from 'node:path';

/** Relative to `cwd` when inside it, else absolute; forward slashes. */
export function displayFile(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel).split(sep).join('/');
}
