/**
 * File-system calls that cannot hang a run. Opening a FIFO for reading blocks until a
 * writer appears, and a blocked open cannot be interrupted (the signal handler is
 * JavaScript, on the blocked thread): so files are opened non-blocking and anything but a
 * regular file is refused. Node's recursive mkdir loops forever where mkdir keeps failing
 * with ENOENT on a parent that exists (anything under /proc): so directories are made one
 * level at a time, a bounded number of calls.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** An error with the `code` describeFsError knows. */
function notRegular(): Error {
  return Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
}

/**
 * The bytes of a regular file (symlinks followed unless `noFollow`). Throws for anything
 * else (FIFO, socket, device, directory) without blocking on it.
 */
export function readRegularFile(abs: string, opts: { noFollow?: boolean } = {}): Buffer {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (opts.noFollow ? constants.O_NOFOLLOW : 0);
  const fd = openSync(abs, flags);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular();
    let buf = Buffer.allocUnsafe(st.size + 1);
    let total = 0;
    for (;;) {
      // The file may have grown since fstat.
      if (total === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

/** The text of a regular file, or undefined when there is none (or it cannot be read). */
export function tryReadRegularText(abs: string): string | undefined {
  try {
    return readRegularFile(abs).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Is there a regular file (following symlinks) at `abs`? Never opens it. */
export function isRegularFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/**
 * `mkdir -p`, one level at a time: finds the deepest existing ancestor, then creates each
 * missing level once. At most one call per path component, so it fails fast where Node's
 * recursive mkdir would spin (under /proc, it never returns).
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    let exists = false;
    try {
      exists = lstatSync(d) !== undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (exists) break;
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
}
