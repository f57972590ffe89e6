/**
 * Atomic, stale-checked replacement of files, one write group at a time. A group is the
 * files that must change together or not at all (a fix that spans files; Go files and the
 * go.mod whose raised go line their edits need); a file on its own is a group of one.
 *
 * 1. Every member is checked first: a regular file, not a symlink, writable (mode bits, the
 *    user's access, and its directory's), and byte for byte what was read. One failure, and
 *    no member is touched.
 * 2. Each member's new content goes to a temporary file in its directory (same file system),
 *    with the original's mode, flushed with fsync. A failure here (disk full, quota, EFBIG)
 *    removes the temporary files: still no member is touched.
 * 3. The members are checked once more for changes on disk, then renamed over, in order. A
 *    reader sees each file old or new, never a mix. If a rename fails, the members already
 *    renamed are put back (their original bytes, written and renamed the same way), and the
 *    report says so, or says which file could not be restored.
 * 4. The directories of a group of several files are fsynced, so the renames are on disk
 *    once the group is reported written.
 *
 * A crash (power loss, SIGKILL) during step 3 can leave a group half renamed: the members
 * not yet renamed still have their temporary file, `.NAME.gocodemod-PID-RANDOM.tmp`, holding
 * their new content (docs/safety.md).
 */
import { accessSync, closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from './discover.js';
import { readRegularFile } from './safe-fs.js';

export type WriteResult = { ok: true } | { ok: false; message: string };

export interface GroupMember {
  abs: string;
  /** Display path, for messages naming it to the other members. */
  path: string;
  /** The bytes read (what the file must still hold). */
  expected: Uint8Array;
  content: string;
}

/** The file-system operation a test may replace to stage a failure between two renames. */
export interface WriteOps {
  rename(from: string, to: string): void;
}

const REAL_OPS: WriteOps = { rename: renameSync };

/** One file: a write group of one. */
export function replaceFileAtomically(abs: string, expected: Uint8Array, content: string): WriteResult {
  return writeGroup([{ abs, path: basename(abs), expected, content }])[0];
}

/** Writes every member or none; one result per member, in order. */
export function writeGroup(members: readonly GroupMember[], ops: WriteOps = REAL_OPS): WriteResult[] {
  const others = (i: number, reason: string): WriteResult[] =>
    members.map((m, j) =>
      j === i
        ? { ok: false, message: `not written: ${reason}` }
        : { ok: false, message: `not written: it is written together with ${members[i].path} (a write group), which was not written: ${reason}` },
    );

  const stats: Stats[] = [];
  for (const [i, m] of members.entries()) {
    const checked = precheck(m);
    if (typeof checked === 'string') return others(i, checked);
    stats.push(checked);
  }

  const temps: string[] = [];
  const dropTemps = (from = 0) => {
    for (const t of temps.slice(from)) tryUnlink(t);
  };
  for (const [i, m] of members.entries()) {
    try {
      temps.push(writeTemp(m.abs, Buffer.from(m.content, 'utf8'), stats[i].mode));
    } catch (e) {
      dropTemps();
      return others(i, describeFsError(e));
    }
  }

  for (const [i, m] of members.entries()) {
    const stale = unchanged(m.abs, m.expected);
    if (stale) {
      dropTemps();
      return others(i, stale);
    }
  }

  for (const [i, m] of members.entries()) {
    try {
      ops.rename(temps[i], m.abs);
    } catch (e) {
      const reason = describeFsError(e);
      dropTemps(i);
      const results = others(i, reason);
      for (let j = 0; j < i; j++) results[j] = restore(members[j], stats[j].mode, members[i].path, reason, ops);
      return results;
    }
  }
  if (members.length > 1) for (const dir of new Set(members.map((m) => dirname(m.abs)))) fsyncDir(dir);
  return members.map(() => ({ ok: true }));
}

/** The file's stats when it may be replaced, or why not. */
function precheck(m: GroupMember): Stats | string {
  let st: Stats;
  try {
    st = lstatSync(m.abs);
  } catch (e) {
    return describeFsError(e);
  }
  if (st.isSymbolicLink()) return 'the path is now a symbolic link';
  if (!st.isFile()) return 'the path is no longer a regular file';
  // Replacing by rename would succeed on a read-only file (only the directory's permission
  // counts); a read-only file is the owner's "do not touch", as it is for gofmt -w.
  if ((st.mode & 0o222) === 0) return 'the file is read-only';
  try {
    accessSync(m.abs, constants.W_OK); // the running user may not write it (gofmt -w would fail)
  } catch {
    return 'permission denied (the file is not writable by this user)';
  }
  try {
    accessSync(dirname(m.abs), constants.W_OK | constants.X_OK); // the temporary file and the rename
  } catch {
    return 'permission denied (its directory is not writable by this user)';
  }
  return unchanged(m.abs, m.expected) ?? st;
}

/** Undefined when the file holds exactly `expected`; else why it cannot be written. */
function unchanged(abs: string, expected: Uint8Array): string | undefined {
  let current: Buffer;
  try {
    current = readRegularFile(abs, { noFollow: true });
  } catch (e) {
    return describeFsError(e);
  }
  return current.equals(expected) ? undefined : 'the file changed on disk after it was read';
}

/**
 * `.NAME.gocodemod-PID-RANDOM.tmp` beside the file, NAME cut to its first 64 bytes: a name
 * near the 255-byte limit of most file systems must not make its temporary name too long.
 */
export function tempPath(abs: string): string {
  return join(dirname(abs), `.${cutUtf8(basename(abs), 64)}.gocodemod-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** The longest prefix of `s` of at most `max` UTF-8 bytes that ends on a character. */
function cutUtf8(s: string, max: number): string {
  if (Buffer.byteLength(s, 'utf8') <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** Writes `bytes` to a new temporary file beside `abs` with `mode`, flushed; returns its path. */
function writeTemp(abs: string, bytes: Buffer, mode: number): string {
  const tmp = tempPath(abs);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fchmodSync(fd, mode & 0o7777);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    tryUnlink(tmp);
    throw e;
  }
  closeSync(fd);
  return tmp;
}

/** Puts a renamed member back after a later member failed; the result to report for it. */
function restore(m: GroupMember, mode: number, failed: string, reason: string, ops: WriteOps): WriteResult {
  const why = `${failed}, written together with it (a write group), could not be written: ${reason}`;
  const written = Buffer.from(m.content, 'utf8');
  let problem = unchanged(m.abs, written) && 'it changed on disk after it was written';
  if (!problem) {
    let tmp: string | undefined;
    try {
      tmp = writeTemp(m.abs, Buffer.from(m.expected), mode);
      ops.rename(tmp, m.abs);
      return { ok: false, message: `not written: restored to its original content, because ${why}` };
    } catch (e) {
      if (tmp) tryUnlink(tmp);
      problem = describeFsError(e);
    }
  }
  return { ok: false, message: `written, but ${why}; restoring this file failed (${problem}): it holds the new content, and its write group is incomplete` };
}

function fsyncDir(dir: string) {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* some file systems cannot fsync a directory; the renames are done all the same */
  }
}

function tryUnlink(path: string) {
  try {
    unlinkSync(path);
  } catch {
    /* never created, or gone */
  }
}
