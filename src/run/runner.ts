/**
 * The runner: discovery, the work (in a pool of worker threads, or in-process), results in
 * a deterministic order, and writing. It is the only part of gocodemod that writes files.
 * Every file ends as changed, unchanged, skipped or error; one bad file never stops the run.
 *
 * Two phases: go.mod and go.work files first (for codemods that ask for them), then Go
 * packages, whose Go versions are read from the go.mod files as phase one left them, so a
 * codemod raising the go directive enables minGo codemods in the same run.
 */
import { availableParallelism } from 'node:os';
import { discover, type DiscoverOptions } from './discover.js';
import type { FileOutcome, LoadedCodemod } from '../engine/engine.js';
import type { Shard } from './shard.js';
import type { FileKind } from '../go/codemod.js';
import { runDirectories } from './directories.js';
import { runModuleFiles } from './module-files.js';
import { filesToProcess, planRun, wantedFiles } from './plan.js';
import { Tally } from './tally.js';
import { WriteGroups } from './write-groups.js';
import { displayPath } from './discover.js';
import { singleScope, type RunScopes } from './scopes.js';
import { StatIndex } from './stat-index.js';
import { resolve } from 'node:path';

export interface RunConfig extends Omit<DiscoverOptions, 'wanted' | 'scopes'> {
  paths: string[];
  /** The codemods, unless `scopes` decides them per directory. */
  codemods: LoadedCodemod[];
  write?: boolean;
  includeGenerated?: boolean;
  /** Go version of files outside any module (default: treated as new enough). */
  goVersion?: string;
  /** Report `//gocodemod:ignore` comments that suppressed nothing. */
  reportUnusedSuppressions?: boolean;
  /**
   * Settings that vary by directory (gocodemod.yaml files: src/config). When given, they
   * replace codemods, includeVendor, includeTestdata, exclude, includeGenerated, goVersion
   * and reportUnusedSuppressions above.
   */
  scopes?: RunScopes;
  maxRounds?: number;
  /**
   * Most worker threads; default: available parallelism. They start only for directories
   * where codemods run (src/run/dispatch.ts). 1 without a signal runs everything in-process.
   */
  jobs?: number;
  /**
   * false: a changed file's `original` and `output` are not carried to onResult (both are
   * empty; `diffHunks` holds its diff), for a caller that only prints diffs. They are most of
   * what a large run's results weigh. Not with `write`, which needs them. Default true.
   */
  texts?: boolean;
  /** Content cache directory; undefined: no cache. */
  cacheDir?: string;
  shard?: Shard;
  /**
   * Called once per processed file, in a deterministic order whatever the number of jobs:
   * go.mod and go.work files, then Go files by directory, then file name.
   */
  onResult?: (result: FileResult) => void;
  /** Files done so far, of how many. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called for each path left out, with the reason the summary counts it under: by
   * discovery (vendor, testdata, hidden, symlink, ...; files or whole directories), and
   * generated Go files (read, never edited). Review formats list them per file.
   */
  onSkipped?: (path: string, reason: string) => void;
  /**
   * Stops the run between two files (SIGINT, SIGTERM): files already written are complete,
   * no file is half-written (each write is one synchronous temp-file-and-rename), and no
   * further file is read or written.
   */
  signal?: AbortSignal;
}

export type FileStatus = 'changed' | 'unchanged' | 'error';

/**
 * One processed file. `original` and `output` are its texts before and after, except for
 * unchanged files, where both are empty (the run does not keep the text of files it leaves
 * alone).
 */
export interface FileResult extends FileOutcome {
  abs: string;
  status: FileStatus;
  /** --write: whether the new content is on disk. */
  written: boolean;
  /**
   * The display paths of its write group, itself included, when it has one of two files or
   * more: files joined by a fix, or needing a go.mod's raised go line, with that go.mod.
   * They are written all or none.
   */
  group?: string[];
  /**
   * For a changed file, when the run computed them: the hunks of its unified diff (what
   * `unifiedDiff` prints after the three header lines), so a caller can print the diff under
   * any path without diffing the texts again.
   */
  diffHunks?: string;
}

export interface RunSummary {
  scanned: number;
  changed: number;
  unchanged: number;
  errorFiles: number;
  /** Reason -> count (directories and files skipped by discovery count once each). */
  skipped: Map<string, number>;
  changesByCodemod: Map<string, number>;
  /** Findings suppressed by `//gocodemod:ignore` comments, per codemod. */
  suppressedByCodemod: Map<string, number>;
  /** Problems not tied to a processed file: bad arguments, unreadable directories, go.mod. */
  problems: { path: string; message: string }[];
  /** Things skipped that a user would not expect, with what to say (a name that is not UTF-8). */
  notes: { path: string; message: string }[];
  elapsedMs: number;
  /** Worker threads started (0: everything ran in this thread). */
  workers: number;
  /** The run was stopped by its signal before every file was processed. */
  interrupted: boolean;
  /** Write groups of two files or more (see FileResult.group). */
  writeGroups: number;
}

/** The run's settings by directory: config files' scopes, or one scope from the config itself. */
function scopesOf(config: RunConfig): RunScopes {
  return (
    config.scopes ??
    singleScope(
      { includeVendor: Boolean(config.includeVendor), includeTestdata: Boolean(config.includeTestdata), exclude: { base: config.cwd, globs: config.exclude ?? [] } },
      { codemods: config.codemods, includeGenerated: Boolean(config.includeGenerated), goVersion: config.goVersion, reportUnusedSuppressions: Boolean(config.reportUnusedSuppressions) },
    )
  );
}

export async function run(config: RunConfig): Promise<RunSummary> {
  const started = performance.now();
  const scopes = scopesOf(config);
  // Without scopes the codemods are known now, and go.mod files nobody edits are not collected.
  const knownKinds = config.scopes ? undefined : new Set<FileKind>(config.codemods.flatMap((c) => c.codemod.fileKinds ?? ['go']));
  // The stat index (file digests, directory listings) serves discovery before the run knows
  // whether its codemods can use the content cache: listings do not depend on codemods.
  const index = config.cacheDir ? StatIndex.open(config.cacheDir, config.cwd, config.paths.map((p) => resolve(config.cwd, p))) : undefined;
  const found = discover(config.paths, { ...config, scopes, ...wantedFiles(knownKinds), listings: index });
  const scopeOfDir = new Map<string, number>();
  const scopeOf = (dir: string) => {
    let s = scopeOfDir.get(dir);
    if (s === undefined) scopeOfDir.set(dir, (s = scopes.of(dir)));
    return s;
  };
  const works = await scopes.settle([...new Set(found.files.map((f) => scopeOf(f.dir)))].sort((a, b) => a - b));
  const tally = new Tally(config, found);
  const ctx = planRun(config, works, scopeOf, tally, found, index);
  const files = filesToProcess(ctx);
  tally.total = files.filter((f) => ctx.inShard(f.dir)).length;
  // Files joined by a fix, or by a go.mod's raised go line, are written all or none.
  const groups = new WriteGroups({ write: Boolean(config.write), emit: (o, w, g) => tally.emit(o, w, g), display: (abs) => displayPath(abs, config.cwd) });
  const jobs = config.jobs ?? availableParallelism();
  try {
    const moduleFiles = await runModuleFiles(ctx, files);
    // Off the main thread whenever the run has a signal to obey, even with one job: a package
    // that takes long to compute (a huge file, a codemod in an endless loop) would otherwise
    // keep the signal handlers from running, and a second signal could not end the run at once.
    tally.summary.workers = await runDirectories(ctx, files, moduleFiles, groups, jobs > 1 || config.signal ? jobs : 0);
  } finally {
    // A run that cannot use the cache (a codemod opted out) writes nothing to it.
    if (ctx.store) index?.save(!config.shard && !tally.stopped());
  }
  tally.summary.writeGroups = groups.count;
  tally.summary.elapsedMs = performance.now() - started;
  return tally.summary;
}
