/**
 * The result of a directory where no codemod runs (src/run/quiet.ts), from the files' bytes
 * and headers alone: each file is unchanged, and what there is to say about it comes from its
 * first lines (generated or not, its Go version, hence the codemods too new for it). This is
 * what src/run/work.ts computes for such a directory through the engine, without decoding
 * every file whole (most of a selective run's main-thread time and garbage).
 *
 * It covers the common case only, and says so with undefined, leaving the rest to the engine:
 * a module whose go.mod has a problem, a file that cannot be read, is not valid UTF-8 or holds
 * a NUL byte (errors), a file with a `//gocodemod:` comment (suppressions are the engine's),
 * and a file whose package clause is not within its first HEADER_BYTES.
 */
import { isUtf8 } from 'node:buffer';
import { constrainedGoVersion } from '../go/build-constraint.js';
import { tooOldReason } from '../go/goversion.js';
import { isGenerated, packageClauseOffset } from '../go/header.js';
import type { DirInput } from './dir-inputs.js';
import { emptyOutcome, type DirResult, type DirTask, type OutcomeWithFile } from './dir-result.js';
import type { WorkScope } from './work.js';
import type { Codemod } from '../go/codemod.js';

/** How much of a file is decoded to read its header; a longer header is left to the engine. */
const HEADER_BYTES = 8192;
const FIRST_BYTES = 512;
/** packageName reads the clause within this many characters of its start (src/go/header.ts). */
const CLAUSE_CHARS = 300;

const SUPPRESSION = Buffer.from('//gocodemod:');
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The text of a file up to and including its package clause (a file shorter than what is
 * decoded: all of it), or undefined when the clause is not within HEADER_BYTES. Decoded in
 * growing prefixes: most headers are a copyright line or two.
 */
function headerOf(bytes: Buffer): string | undefined {
  for (let n = FIRST_BYTES; ; n *= 4) {
    if (bytes.length <= n) return lenient.decode(bytes);
    // A prefix may end inside a character: only text well before the cut is used.
    const prefix = lenient.decode(bytes.subarray(0, n));
    const at = packageClauseOffset(prefix);
    if (at + CLAUSE_CHARS < prefix.length - 4) return prefix.slice(0, at + CLAUSE_CHARS);
    if (n >= HEADER_BYTES) return undefined;
  }
}

/** Builds a quiet directory's result file by file, as DirReader.scan shows them. */
export class QuietResult {
  private readonly files: OutcomeWithFile[] = [];
  private generated = 0;
  private failed: boolean;
  private readonly goCodemods: Codemod[];

  constructor(
    private readonly task: DirTask,
    private readonly scope: WorkScope,
  ) {
    this.failed = Boolean(task.module?.problem);
    this.goCodemods = scope.codemods.filter((c) => (c.codemod.fileKinds ?? ['go']).includes('go')).map((c) => c.codemod);
  }

  /** One input and its bytes (undefined: it could not be read). */
  add(input: DirInput, bytes: Uint8Array | undefined): void {
    if (this.failed || input.context) return;
    if (!bytes) return void (this.failed = true);
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const header = buf.indexOf(0) >= 0 || !isUtf8(buf) || buf.indexOf(SUPPRESSION) >= 0 ? undefined : headerOf(buf);
    if (header === undefined) return void (this.failed = true);
    if (isGenerated(header) && !this.scope.opts.includeGenerated) {
      this.generated++;
      return;
    }
    const mod = this.task.module;
    const goVersion = constrainedGoVersion(mod ? mod.goVersion : this.scope.opts.goVersion, header);
    const skippedBy = this.goCodemods.flatMap((c) => {
      const reason = tooOldReason(goVersion, c.minGo);
      return reason ? [{ codemod: c.name, reason }] : [];
    });
    this.files.push(emptyOutcome(input.abs, input.path, { skippedBy }));
  }

  /** The directory's result, or undefined when some file is left to the engine. */
  result(): DirResult | undefined {
    if (this.failed) return undefined;
    const files = [...this.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files, generated: this.generated };
  }
}

/** The result of a directory's inputs (read whole), or undefined: see QuietResult. */
export function quietResult(task: DirTask, inputs: readonly DirInput[], scope: WorkScope): DirResult | undefined {
  const q = new QuietResult(task, scope);
  for (const input of inputs) q.add(input, input.bytes);
  return q.result();
}
