/**
 * The runner: discovery, the work (in a pool of worker threads, or in-process), results in
 * a deterministic order, and writing. It is the only part of gocodemod that writes files.
 * Every file ends as changed, unchanged, skipped or error; one bad file never stops the run.
 *
 * Two phases: go.mod and go.work files first (for codemods that ask for them), then Go
 * packages, whose Go versions are read from the go.mod files as phase one left them, so a
 * codemod raising the go directive enables minGo codemods in the same run.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtinCodemods } from '../registry/builtins.js';
import { codemodInputs, dirCacheKey, moduleKeyOf, ResultCache, toolCodeHash } from './cache.js';
import { StatIndex } from './stat-index.js';
import { gcPacer } from './gc-pacer.js';
import { discover, displayPath, type DiscoveredFile, type DiscoverOptions } from './discover.js';
import type { FileOutcome, LoadedCodemod } from '../engine/engine.js';
import { loadGofmt } from '../engine/gofmt.js';
import { packageRoot } from '../package-root.js';
import { loadGoParser, type GoParser } from '../go/parser.js';
import { inShard, type Shard } from './shard.js';
import type { FileKind } from '../go/codemod.js';
// The engine and the work are imported when something is computed: a run that finds
// everything cached never loads them (nor the parser, nor gofmt).
import type { WorkEnv, WorkScope } from './work.js';
import type { DirResult, DirTask, OutcomeWithFile, WorkOptions } from './dir-result.js';
import { DirReader } from './dir-inputs.js';
import type { WorkerInit } from './worker.js';
import { WorkerPool } from './pool.js';
import { moduleFileProblem, workspaceWithModuleFiles } from './workspace.js';
import { WriteGroups, type WriteOutcome } from './write-groups.js';
import { singleScope, type RunScopes, type ScopeWork } from './scopes.js';

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
  /** Worker threads; default: available parallelism. 1 runs in-process. */
  jobs?: number;
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
  /** Worker threads used (1: in-process). */
  jobs: number;
  /** The run was stopped by its signal before every file was processed. */
  interrupted: boolean;
  /** Write groups of two files or more (see FileResult.group). */
  writeGroups: number;
}

/** About what one file's result costs the main thread in memory, texts aside. */
const FILE_RESULT_BYTES = 4096;

const MODULE_FILES: Record<string, FileKind> = { 'go.mod': 'go.mod', 'go.work': 'go.work' };

function kindOf(abs: string): FileKind {
  return abs.endsWith('.go') ? 'go' : (MODULE_FILES[basename(abs)] ?? 'go');
}

/**
 * go.mod and go.work files have no tree-sitter grammar here, so phase one needs no parser:
 * loading one in the main thread would cost ~35 MB of WASM memory for nothing.
 */
const NO_GO_PARSER: GoParser = new Proxy({} as GoParser, {
  get() {
    throw new Error('go.mod and go.work files are not parsed with the Go grammar');
  },
});

/** The worker script: beside this module when compiled; from dist/ when run from sources. */
function workerScript(): URL | undefined {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), 'worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return pathToFileURL(sibling);
  const built = join(packageRoot(), 'dist', 'src', 'run', 'worker.js');
  return existsSync(built) ? pathToFileURL(built) : undefined;
}

/** A scope's settings as the run uses them: its work, keys and what it reads. */
interface ScopePlan extends WorkScope {
  /** The kinds of files its codemods take. */
  kinds: Set<FileKind>;
}

/** `cacheInputs`: the key of what the codemods read besides their files; undefined: no cache. */
function planScope(work: ScopeWork, cwd: string, maxRounds: number | undefined, cacheInputs: unknown): ScopePlan {
  const opts: WorkOptions = { cwd, includeGenerated: work.includeGenerated, goVersion: work.goVersion, maxRounds, reportUnusedSuppressions: work.reportUnusedSuppressions };
  return {
    codemods: work.codemods,
    withContext: work.codemods.some((c) => c.codemod.scope === 'package'),
    opts,
    kinds: new Set(work.codemods.flatMap((c) => c.codemod.fileKinds ?? ['go'])),
    // The settings that apply, as data (never a config file's bytes): what decides results.
    runKey:
      cacheInputs !== undefined
        ? JSON.stringify({
            tool: toolCodeHash(),
            codemods: work.codemods.map((c) => [c.codemod.name, c.origin?.hash ?? null, c.codemod.defaultOptions ?? {}, c.options]),
            inputs: cacheInputs,
            opts,
          })
        : '',
  };
}

export async function run(config: RunConfig): Promise<RunSummary> {
  const started = performance.now();
  const scopes =
    config.scopes ??
    singleScope(
      { includeVendor: Boolean(config.includeVendor), includeTestdata: Boolean(config.includeTestdata), exclude: { base: config.cwd, globs: config.exclude ?? [] } },
      { codemods: config.codemods, includeGenerated: Boolean(config.includeGenerated), goVersion: config.goVersion, reportUnusedSuppressions: Boolean(config.reportUnusedSuppressions) },
    );
  // Without scopes the codemods are known now, and go.mod files nobody edits are not collected.
  const knownKinds = config.scopes ? undefined : new Set<FileKind>(config.codemods.flatMap((c) => c.codemod.fileKinds ?? ['go']));
  const found = discover(config.paths, {
    ...config,
    scopes,
    wanted: (name) => name.endsWith('.go') || (name in MODULE_FILES && (!knownKinds || knownKinds.has(MODULE_FILES[name]))),
  });
  const scopeOfDir = new Map<string, number>();
  const scopeOf = (abs: string) => {
    const dir = dirname(abs);
    let s = scopeOfDir.get(dir);
    if (s === undefined) scopeOfDir.set(dir, (s = scopes.of(dir)));
    return s;
  };
  const works = await scopes.settle([...new Set(found.files.map((f) => scopeOf(f.abs)))].sort((a, b) => a - b));
  const summary: RunSummary = {
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
    jobs: 1,
    interrupted: false,
    writeGroups: 0,
  };
  const stopped = () => {
    if (config.signal?.aborted) summary.interrupted = true;
    return summary.interrupted;
  };
  const skip = (reason: string, n = 1) => summary.skipped.set(reason, (summary.skipped.get(reason) ?? 0) + n);
  for (const s of found.skipped) {
    skip(s.reason);
    config.onSkipped?.(s.path, s.reason);
  }

  // Built-ins are covered by the tool's code hash, codemods from files by their source hash;
  // codemods handed over in-process have neither, so they run uncached and in this thread.
  const portable = [...works.values()].every((w) => w.codemods.every((c) => c.origin || builtinCodemods.includes(c.codemod)));
  // What codemods read besides their files (Codemod.cacheInputs) is part of the key; a codemod
  // may also opt out of the cache (Codemod.cache: false).
  const everyCodemod = [...new Map([...works.values()].flatMap((w) => w.codemods.map((c) => [`${c.codemod.name}\0${JSON.stringify(c.options)}`, c] as const))).values()];
  const inputs = config.cacheDir && portable ? codemodInputs(everyCodemod, config.cwd) : undefined;
  if (inputs && !inputs.ok && inputs.problem) summary.notes.push({ path: inputs.codemod, message: `${inputs.problem}: running without the cache` });
  const store = inputs?.ok ? new ResultCache(config.cacheDir!) : undefined;
  const statIndex = store && StatIndex.open(config.cacheDir!, config.cwd, config.paths.map((p) => resolve(config.cwd, p)));
  const plans: ScopePlan[] = [];
  const planIndex = new Map<number, number>();
  for (const [id, work] of works) {
    planIndex.set(id, plans.length);
    plans.push(planScope(work, config.cwd, config.maxRounds, inputs?.ok ? inputs.key : undefined));
  }
  const planOf = (abs: string) => planIndex.get(scopeOf(abs))!;
  const shardOf = (abs: string) => !config.shard || inShard(displayPath(dirname(abs), config.cwd), config.shard);
  // A scope that selects no codemod processes nothing; go.mod files go only to scopes that edit them.
  const files = found.files.filter((f) => {
    const plan = plans[planOf(f.abs)];
    if (kindOf(f.abs) !== 'go') return plan.kinds.has(kindOf(f.abs));
    if (plan.codemods.length === 0 && shardOf(f.abs)) skip('no codemod selected');
    return plan.codemods.length > 0;
  });
  const total = files.filter((f) => shardOf(f.abs)).length;
  let done = 0;

  // Results cross from workers as copies, then become garbage: see src/run/gc-pacer.ts.
  const emitted = gcPacer();
  const emit = (o: OutcomeWithFile, w: WriteOutcome, group: string[] | undefined) => {
    const changed = o.output !== o.original;
    const r: FileResult = { ...o, status: o.errors.length ? 'error' : changed ? 'changed' : 'unchanged', written: w.written };
    if (group) r.group = group;
    if (w.error) {
      r.errors.push({ message: w.error });
      r.status = 'error';
    }
    summary.scanned++;
    emitted(FILE_RESULT_BYTES + o.original.length + o.output.length);
    if (r.errors.length) summary.errorFiles++;
    if (r.status === 'changed') summary.changed++;
    else if (r.status === 'unchanged') summary.unchanged++;
    for (const s of r.skippedBy) skip(`${s.codemod}: go version too old`);
    if (r.status === 'changed') for (const [c, n] of r.changes) summary.changesByCodemod.set(c, (summary.changesByCodemod.get(c) ?? 0) + n);
    for (const s of r.suppressed) summary.suppressedByCodemod.set(s.codemod, (summary.suppressedByCodemod.get(s.codemod) ?? 0) + 1);
    config.onResult?.(r);
    config.onProgress?.(++done, total);
  };
  // Files joined by a fix, or by a go.mod's raised go line, are written all or none.
  const groups = new WriteGroups({ write: Boolean(config.write), emit, display: (abs) => displayPath(abs, config.cwd) });

  // Phase 1: go.mod and go.work files, one at a time, in-process. Every shard computes them
  // all (later phases depend on them) but reports only its own.
  const rewrittenModuleFiles = new Map<string, string>();
  const moduleOutcomes: OutcomeWithFile[] = [];
  /** go.mod / go.work problems, reported once whichever phase meets them. */
  const reported = new Set<string>();
  const problem = (p: { path: string; message: string }) => {
    if (reported.has(p.path)) return;
    reported.add(p.path);
    summary.problems.push(p);
  };
  const reader = new DirReader();
  for (const f of files.filter((f) => kindOf(f.abs) !== 'go')) {
    const plan = plans[planOf(f.abs)];
    const input = reader.readOne(f.abs, f.path);
    const cacheKey = store && dirCacheKey(plan.runKey, kindOf(f.abs), [input]);
    let outcome = cacheKey ? store.get(cacheKey, [input])?.files[0] : undefined;
    if (!outcome) {
      const { decodeInput } = await import('./work.js');
      const { runUnit } = await import('../engine/engine.js');
      const r = decodeInput(input);
      if (!r.ok) outcome = r.outcome;
      else {
        const [o] = runUnit(NO_GO_PARSER, plan.codemods, [{ kind: kindOf(f.abs), path: f.path, source: r.text, goVersion: undefined, packageName: '' }], {
          maxRounds: config.maxRounds,
          reportUnusedSuppressions: plan.opts.reportUnusedSuppressions,
        });
        outcome = { ...o, abs: f.abs };
      }
      if (cacheKey) store.put(cacheKey, { files: [outcome], generated: 0 });
    }
    if (outcome.output !== outcome.original) {
      if (!outcome.errors.length) rewrittenModuleFiles.set(f.abs, outcome.output);
    } else outcome = { ...outcome, original: '', output: '' }; // as for Go files: no texts kept when unchanged
    if (shardOf(f.abs)) {
      moduleOutcomes.push(outcome);
      // A file the go command cannot read is an error (exit 2), with Go files or without.
      const bad = moduleFileProblem(f.abs, kindOf(f.abs), config.cwd);
      if (bad) problem(bad);
    }
  }

  // Phase 2: Go files by directory, seeing the go.mod files as phase 1 left them.
  const byDir = new Map<string, DiscoveredFile[]>();
  for (const f of files) {
    if (kindOf(f.abs) !== 'go' || !shardOf(f.abs)) continue;
    const dir = dirname(f.abs);
    let list = byDir.get(dir);
    if (!list) byDir.set(dir, (list = []));
    list.push(f);
  }
  const dirs = [...byDir.keys()].sort();
  const workspace = workspaceWithModuleFiles(rewrittenModuleFiles);
  // A go.mod phase one rewrote is written with the Go files that need its new go line: under
  // --write it waits for the last directory of its module.
  const gomodOf = (dir: string) => workspace.moduleOf(dir)?.gomod;
  const dirsOfModule = new Map<string, number>();
  for (const dir of dirs) {
    const gomod = gomodOf(dir);
    if (gomod !== undefined && rewrittenModuleFiles.has(gomod)) dirsOfModule.set(gomod, (dirsOfModule.get(gomod) ?? 0) + 1);
  }
  for (const o of moduleOutcomes) {
    if (stopped()) break;
    groups.moduleFile(o, dirsOfModule.get(o.abs) ?? 0);
  }
  // The files each directory in flight was given: those without a result were generated.
  const given = new Map<string, DiscoveredFile[]>();
  const collect = (dir: string, r: DirResult) => {
    if (r.moduleProblem) problem(r.moduleProblem);
    if (r.generated) skip('generated', r.generated);
    const files = given.get(dir);
    given.delete(dir);
    if (files && r.generated && !stopped()) {
      const processed = new Set(r.files.map((o) => o.abs));
      for (const f of files) if (!processed.has(f.abs)) config.onSkipped!(f.path, 'generated');
    }
    groups.directory(r.files, gomodOf(dir));
  };

  const jobs = Math.max(1, Math.min(config.jobs ?? availableParallelism(), dirs.length));
  // Off the main thread whenever the run has a signal to obey, even with one job: a package
  // that takes long to compute (a huge file, a codemod in an endless loop) would otherwise
  // keep the signal handlers from running, and a second signal could not end the run at once.
  const script = (jobs > 1 || config.signal) && portable ? workerScript() : undefined;
  // Workers start on the first cache miss: a run that finds everything cached starts none.
  let pool: WorkerPool<DirTask, DirResult> | undefined;
  const startPool = () => {
    summary.jobs = jobs;
    const init: WorkerInit = {
      scopes: plans.map((p) => ({
        codemods: p.codemods.map((c) => ({ name: c.codemod.name, options: c.options, module: c.origin?.module })),
        opts: p.opts,
        withContext: p.withContext,
        runKey: p.runKey,
      })),
      moduleFiles: [...rewrittenModuleFiles],
      cacheDir: store && config.cacheDir,
    };
    return new WorkerPool<DirTask, DirResult>(jobs, script!, init);
  };
  let env: WorkEnv | undefined;
  const localEnv = async (): Promise<WorkEnv> =>
    (env ??= {
      parser: await loadGoParser(),
      gofmt: await loadGofmt(),
      workspace,
      reader: new DirReader(),
      store,
      scopes: plans,
    });

  /** Looks a directory up in the cache (reading it), and starts its work on a miss. */
  const start = (dir: string): Promise<DirResult> => {
    const files = byDir.get(dir)!;
    // What the run keeps per file is what discovery found; each directory's part goes once used.
    byDir.delete(dir);
    if (config.onSkipped) given.set(dir, files);
    const listing = found.goEntries.get(dir);
    found.goEntries.delete(dir);
    const scope = planOf(files[0].abs);
    if (store) {
      const read = reader.digest(dir, files, plans[scope].withContext, (abs) => displayPath(abs, config.cwd), listing, statIndex);
      const hit = store.get(dirCacheKey(plans[scope].runKey, moduleKeyOf(workspace, dir, config.cwd), read), read);
      if (hit) return Promise.resolve(hit);
    }
    const task: DirTask = { dir, files, scope };
    if (script) {
      return (pool ??= startPool()).run(task).catch(async (e: Error): Promise<DirResult> => {
        const { errorOutcome } = await import('./work.js');
        return { files: files.map((f) => errorOutcome(f.abs, f.path, `internal error while processing this directory: ${e.message}`)), generated: 0 };
      });
    }
    // In this thread: after a turn of the event loop, so a signal can stop the run. A failure
    // of the work itself (a bug) is an error of the directory's files, as from a worker.
    return new Promise((resolve) => setImmediate(resolve)).then(async (): Promise<DirResult> => {
      if (stopped()) return { files: [], generated: 0 };
      const { processDirectory, errorOutcome } = await import('./work.js');
      try {
        return processDirectory(task, await localEnv());
      } catch (e) {
        const message = `internal error while processing this directory: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
        return { files: files.map((f) => errorOutcome(f.abs, f.path, message)), generated: 0 };
      }
    });
  };

  try {
    // A window of directories in flight; results are taken in order, so output is the same
    // whatever the number of jobs. It is wide, so one large package does not stall
    // the other workers; memory holds little per task (unchanged files carry no text).
    const window = script ? jobs * 64 : 1;
    const pending: { dir: string; result: Promise<DirResult> }[] = [];
    let next = 0;
    let lastYield = performance.now();
    const readAhead = () => {
      while (next < dirs.length && pending.length < window) {
        const dir = dirs[next++];
        pending.push({ dir, result: start(dir) });
      }
    };
    readAhead();
    while (pending.length && !stopped()) {
      const { dir, result } = pending.shift()!;
      const r = await result;
      if (stopped()) break;
      collect(dir, r);
      readAhead();
      if (performance.now() - lastYield > 50) {
        // Cache hits never leave this thread: let a signal in now and then.
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
  } finally {
    await pool?.close();
    statIndex?.save(!config.shard && !stopped());
  }
  summary.writeGroups = groups.count;
  summary.elapsedMs = performance.now() - started;
  return summary;
}
