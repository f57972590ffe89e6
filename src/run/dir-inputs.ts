/**
 * What one unit of work (a directory) reads: the bytes of every listed Go file and, for
 * package-scoped codemods, of the package's other files (context). The main thread hashes
 * them to look the directory up in the cache; the work reads them again itself and stores
 * its result under the key of exactly what it read, so a file that changes during a run
 * can never get a result stored under the key of other content.
 *
 * Files are read into a scratch buffer reused from directory to directory, so a run over a
 * large tree allocates almost nothing per file. (Handing the bytes or texts of a miss from
 * the main thread to a worker instead left ~70 MB more garbage, collected late, in the
 * main thread on GOROOT/src than reading them twice; buffers are external memory, which V8
 * collects lazily.)
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { DiscoveredFile, GoEntry } from './discover.js';
import { describeFsError } from './paths.js';
import type { StatIndex } from './stat-index.js';

export interface DirInput {
  abs: string;
  /** Display path (relative to cwd). */
  path: string;
  /** Read only as context: a file of the package that the paths given left out. */
  context: boolean;
  bytes?: Uint8Array;
  /** sha256 (hex) of the bytes, in place of them (see DirReader.digest). */
  digest?: string;
  /** Why the file could not be read (then `bytes` and `digest` are absent). */
  readError?: string;
}

/** An input of DirReader.scan: `unread` when its digest came from the stat index. */
export type ScannedInput = DirInput & { unread?: true };

const SCRATCH = 1 << 20;

export class DirReader {
  private scratch = Buffer.allocUnsafeSlow(SCRATCH);
  private used = 0;

  /**
   * The listed files of a directory in their order, then, with `withContext`, the
   * directory's other Go files (sorted; names starting with `.` or `_` are left out, as
   * the go command does). Context files that cannot be read are left out.
   *
   * The bytes are views into the scratch buffer: valid until the next call.
   */
  read(dir: string, files: readonly DiscoveredFile[], withContext: boolean, displayPathOf: (abs: string) => string, listing?: readonly GoEntry[]): DirInput[] {
    this.reset();
    return dirInputs(dir, files, withContext, displayPathOf, listing, (abs, path, context) => {
      try {
        return { abs, path, context, bytes: this.readFile(abs, false).bytes };
      } catch (e) {
        return { abs, path, context, readError: `cannot read: ${describeFsError(e)}` };
      }
    });
  }

  /**
   * The same files as `read`, with a sha256 of each instead of its bytes: streamed through
   * a fixed buffer, so looking a large tree up in the cache allocates almost nothing.
   * `listing`: the directory's `*.go` entries, when discovery listed it already.
   */
  digest(
    dir: string,
    files: readonly DiscoveredFile[],
    withContext: boolean,
    displayPathOf: (abs: string) => string,
    listing?: readonly GoEntry[],
    /** Digests of files provably unchanged since they were last hashed (src/run/stat-index.ts). */
    index?: StatIndex,
  ): DirInput[] {
    return dirInputs(dir, files, withContext, displayPathOf, listing, (abs, path, context) => {
      try {
        return { abs, path, context, digest: index?.lookup(abs) ?? this.digestFile(abs, index) };
      } catch (e) {
        return { abs, path, context, readError: `cannot read: ${describeFsError(e)}` };
      }
    });
  }

  /**
   * The same files as `read`, each read on its own into the start of the scratch buffer and
   * shown to `look` (`bytes`: valid during the call only; undefined when it cannot be read),
   * so a directory of any size costs the memory of its largest file. With `hash`, each input
   * gets the sha256 of what was read. With `index`, a file whose digest the index proves is
   * neither read nor shown: it gets that digest and `unread: true`.
   */
  scan(
    dir: string,
    files: readonly DiscoveredFile[],
    withContext: boolean,
    displayPathOf: (abs: string) => string,
    listing: readonly GoEntry[] | undefined,
    look: (input: DirInput, bytes: Buffer | undefined) => void,
    opts: { hash: boolean; index?: StatIndex },
  ): ScannedInput[] {
    return dirInputs(dir, files, withContext, displayPathOf, listing, (abs, path, context) => {
      const known = opts.index?.lookup(abs);
      if (known !== undefined) return { abs, path, context, digest: known, unread: true };
      this.reset();
      let input: DirInput;
      let bytes: Buffer | undefined;
      try {
        const hashedAt = Date.now();
        const read = this.readFile(abs, Boolean(opts.index));
        bytes = read.bytes;
        input = { abs, path, context };
        if (opts.hash) {
          input.digest = createHash('sha256').update(bytes).digest('hex');
          if (opts.index) opts.index.remember(abs, read.before, read.after!, input.digest, hashedAt);
        }
      } catch (e) {
        input = { abs, path, context, readError: `cannot read: ${describeFsError(e)}` };
      }
      look(input, bytes);
      return input;
    });
  }

  /** One file, read on its own (go.mod and go.work files); same lifetime rule as `read`. */
  readOne(abs: string, path: string): DirInput {
    return this.read(dirname(abs), [{ abs, path, dir: dirname(abs) }], false, () => path)[0];
  }

  /** Starts a new read: views handed out before are dead from here on. */
  private reset() {
    this.used = 0;
    // After one very large directory, do not keep its buffer for the rest of the run.
    if (this.scratch.length > 4 * SCRATCH) this.scratch = Buffer.allocUnsafeSlow(SCRATCH);
  }

  /**
   * One open, one fstat, reads into the scratch buffer (grown as needed). `before`: the file's
   * identity when opened; with `after`, also once read (for the stat index's racy check).
   */
  private readFile(abs: string, after: boolean): { bytes: Buffer; before: Stats; after?: Stats } {
    const [fd, before] = openRegular(abs);
    try {
      const start = this.used;
      this.reserve(before.size + 1);
      for (;;) {
        // The file may have grown since fstat (or report size 0, like some special files).
        if (this.used === this.scratch.length) this.reserve(this.scratch.length);
        const want = this.scratch.length - this.used;
        const r = readSync(fd, this.scratch, this.used, want, null);
        this.used += r;
        // A short read of exactly the size fstat gave is the end: no second read to learn it.
        if (r === 0 || (r < want && this.used - start === before.size)) break;
      }
      return { bytes: this.scratch.subarray(start, this.used), before, after: after ? fstatSync(fd) : undefined };
    } finally {
      closeSync(fd);
    }
  }

  private digestFile(abs: string, index?: StatIndex): string {
    const hashedAt = Date.now();
    const [fd, before] = openRegular(abs);
    try {
      const h = createHash('sha256');
      for (;;) {
        const r = readSync(fd, this.scratch, 0, this.scratch.length, null);
        if (r === 0) break;
        h.update(this.scratch.subarray(0, r));
      }
      const digest = h.digest('hex');
      if (index) index.remember(abs, before, fstatSync(fd), digest, hashedAt);
      return digest;
    } finally {
      closeSync(fd);
    }
  }

  private reserve(more: number) {
    if (this.used + more <= this.scratch.length) return;
    // Views handed out earlier keep the old buffer alive and stay correct.
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.scratch.length * 2, this.used + more));
    this.scratch.copy(bigger, 0, 0, this.used);
    this.scratch = bigger;
  }
}

/**
 * Opens a file to read, refusing anything but a regular file without blocking on it: a file
 * found regular by discovery may have been replaced by a FIFO since, whose open would block
 * the run for good (src/run/safe-fs.ts).
 */
function openRegular(abs: string): [number, Stats] {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
  }
  return [fd, st];
}

/** The inputs of a directory, each made by `one`: listed files, then context files. */
function dirInputs(
  dir: string,
  files: readonly DiscoveredFile[],
  withContext: boolean,
  displayPathOf: (abs: string) => string,
  listing: readonly GoEntry[] | undefined,
  one: (abs: string, path: string, context: boolean) => DirInput,
): DirInput[] {
  const inputs = files.map((f) => one(f.abs, f.path, false));
  if (!withContext) return inputs;
  const listed = new Set(files.map((f) => f.abs));
  for (const name of contextNames(dir, listing)) {
    const abs = join(dir, name);
    if (listed.has(abs)) continue;
    const input = one(abs, displayPathOf(abs), true);
    if (!input.readError) inputs.push(input);
  }
  return inputs;
}

/**
 * Regular files only (opening a FIFO named x.go would block the run), and symlinks to them:
 * the go command compiles those, so a package-scoped codemod must see them.
 */
function contextNames(dir: string, listing?: readonly GoEntry[]): string[] {
  try {
    return (listing ?? readdirSync(dir, { withFileTypes: true }))
      .filter((e) => e.name.endsWith('.go') && !e.name.startsWith('.') && !e.name.startsWith('_'))
      .filter((e) => e.isFile() || (e.isSymbolicLink() && isRegularFile(join(dir, e.name))))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function isRegularFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}
