/**
 * The run's summary as results arrive: every file ends here once, in output order, counted
 * by status, codemod and skip reason, then handed to the caller (onResult, onProgress).
 */
import type { Discovery } from './discover.js';
import { isChanged, type OutcomeWithFile } from './dir-result.js';
import { gcPacer } from './gc-pacer.js';
import type { FileResult, RunConfig, RunSummary } from './runner.js';
import type { WriteOutcome } from './write-groups.js';

/** About what one file's result costs the main thread in memory, texts aside. */
const FILE_RESULT_BYTES = 4096;

export class Tally {
  readonly summary: RunSummary;
  /** Files the progress counts (those of this shard). */
  total = 0;
  private done = 0;
  /** go.mod / go.work problems, reported once whichever phase meets them. */
  private readonly reported = new Set<string>();
  // Results cross from workers as copies, then become garbage: see src/run/gc-pacer.ts.
  private readonly emitted = gcPacer();

  constructor(
    private readonly config: Pick<RunConfig, 'signal' | 'onResult' | 'onProgress' | 'onSkipped'>,
    found: Discovery,
  ) {
    this.summary = {
      scanned: 0,
      changed: 0,
      unchanged: 0,
      errorFiles: 0,
      skipped: new Map(),
      changesByCodemod: new Map(),
      suppressedByCodemod: new Map(),
      problems: found.errors.map((e) => ({ path: e.path, message: e.message })),
      notes: found.skipped.flatMap((s) => (s.message ? [{ path: s.path, message: s.message }] : [])),
      elapsedMs: 0,
      workers: 0,
      interrupted: false,
      writeGroups: 0,
    };
    for (const s of found.skipped) {
      this.skip(s.reason);
      config.onSkipped?.(s.path, s.reason);
    }
  }

  /** The run was stopped by its signal (and is from then on). */
  stopped(): boolean {
    if (this.config.signal?.aborted) this.summary.interrupted = true;
    return this.summary.interrupted;
  }

  skip(reason: string, n = 1): void {
    this.summary.skipped.set(reason, (this.summary.skipped.get(reason) ?? 0) + n);
  }

  /** A problem not tied to a processed file, once per path. */
  problem(p: { path: string; message: string }): void {
    if (this.reported.has(p.path)) return;
    this.reported.add(p.path);
    this.summary.problems.push(p);
  }

  /** One file's final result: what writing did, and its write group's paths (2 or more). */
  emit(o: OutcomeWithFile, w: WriteOutcome, group: string[] | undefined): void {
    const s = this.summary;
    const changed = isChanged(o);
    const r: FileResult = { ...o, status: o.errors.length ? 'error' : changed ? 'changed' : 'unchanged', written: w.written };
    if (group) r.group = group;
    if (w.error) {
      r.errors.push({ message: w.error });
      r.status = 'error';
    }
    s.scanned++;
    this.emitted(FILE_RESULT_BYTES + o.original.length + o.output.length);
    if (r.errors.length) s.errorFiles++;
    if (r.status === 'changed') s.changed++;
    else if (r.status === 'unchanged') s.unchanged++;
    for (const k of r.skippedBy) this.skip(`${k.codemod}: go version too old`);
    if (r.status === 'changed') for (const [c, n] of r.changes) s.changesByCodemod.set(c, (s.changesByCodemod.get(c) ?? 0) + n);
    for (const k of r.suppressed) s.suppressedByCodemod.set(k.codemod, (s.suppressedByCodemod.get(k.codemod) ?? 0) + 1);
    this.config.onResult?.(r);
    this.config.onProgress?.(++this.done, this.total);
  }
}
