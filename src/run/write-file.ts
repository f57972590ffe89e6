/**
 * Atomic, stale-checked replacement of one file: the new content goes to a temporary file
 * in the same directory (same file system) with the original's mode, is flushed, and is
 * renamed over the original. A reader sees the old file or the new one, never a mix.
 */
import { accessSync, closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from './discover.js';

export type WriteResult = { ok: true } | { ok: false; message: string };

export function replaceFileAtomically(abs: string, expected: Uint8Array, content: string): WriteResult {
  let st;
  try {
    st = lstatSync(abs);
  } catch (e) {
    return { ok: false, message: `not written: ${describeFsError(e)}` };
  }
  if (st.isSymbolicLink()) return { ok: false, message: 'not written: the path is now a symbolic link' };
  // Replacing by rename would succeed on a read-only file (only the directory's permission
  // counts); a read-only file is the owner's "do not touch", as it is for gofmt -w.
  if ((st.mode & 0o222) === 0) return { ok: false, message: 'not written: the file is read-only' };
  try {
    accessSync(abs, constants.W_OK); // the running user may not write it (gofmt -w would fail)
  } catch {
    return { ok: false, message: 'not written: permission denied (the file is not writable by this user)' };
  }
  let current: Buffer;
  try {
    current = readFileSync(abs);
  } catch (e) {
    return { ok: false, message: `not written: ${describeFsError(e)}` };
  }
  if (!current.equals(expected)) return { ok: false, message: 'not written: the file changed on disk after it was read' };

  const tmp = join(dirname(abs), `.${basename(abs)}.gocodemod-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    const bytes = Buffer.from(content, 'utf8');
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fchmodSync(fd, st.mode & 0o7777);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, abs);
    return { ok: true };
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    return { ok: false, message: `not written: ${describeFsError(e)}` };
  }
}
