/**
 * What one unit of work (a directory) reads, read once, by the main thread: the bytes of
 * every listed Go file and, for package-scoped codemods, of the package's other files
 * (context). The cache key is computed from exactly these bytes and the work runs on exactly
 * them, so a file that changes during a run can never get a result stored under the key of
 * other content, and a cache hit costs a read and a hash, never a worker.
 *
 * Files are read into one scratch buffer that is reused from directory to directory: a warm
 * run over a large tree then allocates almost nothing per file (and its garbage, held as
 * external memory, no longer piles up between collections). Only a cache miss copies the
 * directory's bytes out, into one buffer that is transferred to the worker, not copied.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError, type DiscoveredFile } from './discover.js';

export interface DirInput {
  abs: string;
  /** Display path (relative to cwd). */
  path: string;
  /** Read only as context: a file of the package that the paths given left out. */
  context: boolean;
  bytes?: Uint8Array;
  /** Why the file could not be read (then `bytes` is absent). */
  readError?: string;
}

export class DirReader {
  private scratch = Buffer.allocUnsafeSlow(1 << 20);
  private used = 0;

  /**
   * The listed files of a directory in their order, then, with `withContext`, the
   * directory's other Go files (sorted; names starting with `.` or `_` are left out, as
   * the go command does). Context files that cannot be read are left out.
   *
   * The bytes are views into the scratch buffer: valid until the next call. Keep them
   * longer only through `own`.
   */
  read(dir: string, files: readonly DiscoveredFile[], withContext: boolean, displayPathOf: (abs: string) => string): DirInput[] {
    this.used = 0;
    const inputs = files.map((f) => this.input(f.abs, f.path, false));
    if (!withContext) return inputs;
    const listed = new Set(files.map((f) => f.abs));
    for (const name of contextNames(dir)) {
      const abs = join(dir, name);
      if (listed.has(abs)) continue;
      const input = this.input(abs, displayPathOf(abs), true);
      if (input.bytes) inputs.push(input);
    }
    return inputs;
  }

  /** One file, read on its own (go.mod and go.work files); same lifetime rule as `read`. */
  readOne(abs: string, path: string): DirInput {
    this.used = 0;
    return this.input(abs, path, false);
  }

  private input(abs: string, path: string, context: boolean): DirInput {
    try {
      return { abs, path, context, bytes: this.readFile(abs) };
    } catch (e) {
      return { abs, path, context, readError: `cannot read: ${describeFsError(e)}` };
    }
  }

  /** One open, one fstat, reads into the scratch buffer (grown as needed). */
  private readFile(abs: string): Uint8Array {
    const fd = openSync(abs, 'r');
    try {
      const start = this.used;
      this.reserve(fstatSync(fd).size + 1);
      for (;;) {
        // The file may have grown since fstat (or report size 0, like some special files).
        if (this.used === this.scratch.length) this.reserve(this.scratch.length);
        const r = readSync(fd, this.scratch, this.used, this.scratch.length - this.used, null);
        if (r === 0) break;
        this.used += r;
      }
      return this.scratch.subarray(start, this.used);
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
 * The inputs with their bytes copied into one new buffer, for work that outlives the
 * reader's next call: hand `buffer` to postMessage's transfer list to move it, not copy it.
 */
export function own(inputs: readonly DirInput[]): { inputs: DirInput[]; buffer: ArrayBuffer } {
  const total = inputs.reduce((n, i) => n + (i.bytes?.length ?? 0), 0);
  const buffer = new ArrayBuffer(total);
  let at = 0;
  const owned = inputs.map((i) => {
    if (!i.bytes) return { ...i };
    const view = new Uint8Array(buffer, at, i.bytes.length);
    view.set(i.bytes);
    at += i.bytes.length;
    return { ...i, bytes: view };
  });
  return { inputs: owned, buffer };
}

/**
 * Regular files only (opening a FIFO named x.go would block the run), and symlinks to them:
 * the go command compiles those, so a package-scoped codemod must see them.
 */
function contextNames(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
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
