/**
 * Where each directory's result comes from, cheapest first: the content cache (the main
 * thread hashes the files, or takes their digests from the stat index), then, for a
 * directory where no codemod runs (src/run/quiet.ts), the main thread itself; only the rest,
 * where codemods run and parse, goes to worker threads, which start once such directories
 * would take this thread longer than IN_THREAD_BUDGET_MS (learnt from those computed here
 * first); until a worker is ready, a little of that work is computed here. Without worker
 * threads (in-process codemods, or one job and no signal to obey), everything is computed in
 * this thread.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Gofmt } from '../engine/gofmt.js';
import type { GoParser } from '../go/parser.js';
import { packageRoot } from '../package-root.js';
import { dirCacheKey, moduleKeyOf, plainPaths, plainResult } from './cache.js';
import { DirReader, type DirInput } from './dir-inputs.js';
import type { StatIndex } from './stat-index.js';
import type { DirResult, DirTask } from './dir-result.js';
import { displayPath, type DiscoveredFile, type GoEntry } from './discover.js';
import type { RunContext, ScopePlan } from './plan.js';
import { WorkerPool } from './pool.js';
import { isBusy } from './quiet.js';
import { QuietResult } from './quiet-result.js';
// The engine and the work are imported when something is computed: a run that finds
// everything cached never loads them (nor the parser, nor gofmt).
import type { WorkEnv } from './work.js';
import type { WorkerInit } from './worker.js';
import type { Workspace } from './workspace.js';

type Work = typeof import('./work.js');

/** A directory's result now, or later (from a worker). */
export type Started = { now: DirResult } | { later: Promise<DirResult> };

/**
 * Start another worker while the directories waiting for one would keep a busy worker this
 * long. Starting one costs ~0.12 s of CPU, and on 2 vCPUs that behave like one core's two
 * hyperthreads (docs/benchmarks.md) a second worker makes the rest ~1.2x faster, not 2x: it
 * pays for itself from ~0.7 s of waiting work. Until the first tasks are done, their work is
 * guessed from the bytes of the files codemods run on, at the speed of a full parse (~5 MB/s).
 */
const GROW_AFTER_MS = 800;
const MS_PER_BYTE = 1 / 5000;

/**
 * With built-in codemods, no worker starts while the directories where codemods run would take
 * this thread less than this, all told: they are computed here, and each one's time teaches
 * what the next will cost (time per byte of files codemods run on, guessed at MS_PER_BYTE
 * before the first). A worker costs ~0.12 s of CPU before its first parse and, on two vCPUs,
 * slows this thread's reading while it starts; a run whose work fits in this budget is done
 * sooner without one. Bytes holding a needle overestimate the work by up to 50x (a codemod's
 * own text checks skip most parses: in GOROOT/src/cmd 490 KB hold `SliceHeader`, and one file
 * of them needs a parse), which a fixed threshold of bytes (64 KB before) could not know: on
 * the synthetic tree of docs/benchmarks.md it started a worker for 1.1 MB holding `"unsafe"`,
 * 29 files of which need a parse (unsafe-slice-to-sliceheader 0.681 → 0.626 s with this).
 */
const IN_THREAD_BUDGET_MS = 150;

/**
 * ... except in a run whose reading left would take this thread longer than this (estimated
 * from the time per file read so far): there its reading is the long path, every directory
 * computed here delays the run by its time, and a worker's start is soon paid for. Such a run
 * starts its first worker with its first directory where a codemod runs. With the budget on
 * GOROOT/src (5,600 files, ~0.3 s of reading), inline-generic-constraints took 1.43 → 1.57 s
 * (5 alternating runs); on the smaller trees of docs/benchmarks.md (~0.1 s of reading) the
 * budget is what helps. The estimate runs high, the first files being read before the code
 * that reads them is compiled, which only puts the line further from the small trees.
 */
const READING_LEFT_FOR_WORKER_MS = 400;

/**
 * With nothing left to start and no worker ready yet, this thread computes the directories
 * waiting for one itself while they hold at most this many bytes; the worker takes the rest
 * once ready. Bytes holding a needle overestimate the work (a codemod's own text checks skip
 * most parses: in GOROOT/src/cmd, 490 KB hold `SliceHeader`; one file of them needs a parse).
 * Against workers only (10 alternating runs each): GOROOT/src/cmd, sliceheader-to-unsafe-slice
 * 0.400 → 0.379 s (with 256 KB here, 0.396 → 0.388 s); the synthetic tree of
 * docs/benchmarks.md, unsafe-slice-to-sliceheader 0.627 → 0.587 s. More waits for the worker: a run that parses a lot never loads the parser here.
 */
const IN_THREAD_BYTES = 1024 * 1024;

/** The worker script: beside this module when compiled; from dist/ when run from sources. */
function workerScript(): URL | undefined {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), 'worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return pathToFileURL(sibling);
  const built = join(packageRoot(), 'dist', 'src', 'run', 'worker.js');
  return existsSync(built) ? pathToFileURL(built) : undefined;
}

/** The bytes of these files, as stat gives them (0 for one that is gone). */
function sizeOf(files: readonly DiscoveredFile[]): number {
  return files.reduce((n, f) => n + (statSync(f.abs, { throwIfNoEntry: false })?.size ?? 0), 0);
}

/** Stands in for the parser and gofmt where no codemod runs: using it is a bug, caught below. */
function unused<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get() {
      throw new Error(`${what} used in a directory where no codemod runs`);
    },
  });
}

export class Dispatcher {
  private readonly reader = new DirReader();
  private readonly script: URL | undefined;
  private pool: WorkerPool<DirTask, DirResult> | undefined;
  private work: Promise<Work> | undefined;
  private env: Promise<WorkEnv> | undefined;
  private readonly display: (abs: string) => string;
  /**
   * Whether this thread may compute directories meant for workers: only when every codemod is
   * a built-in, whose time is bounded (the GOROOT/src corpus runs every one). A user's codemod
   * may never return, and only a worker then leaves this thread free to obey a signal
   * (test/interrupt.test.ts).
   */
  private readonly mayComputeHere: boolean;
  /** Whether results carry their changed files' texts (RunConfig.texts; --write needs them). */
  private readonly keepTexts: boolean;
  /** Time spent here computing directories meant for workers, and their weight (bytes codemods run on). */
  private hereMs = 0;
  private hereWeight = 0;
  /** Files read here so far (triage), and the time it took. */
  private readFiles = 0;
  private readMs = 0;

  constructor(
    private readonly ctx: RunContext,
    private readonly workspace: Workspace,
    /** Most worker threads; 0: compute everything in this thread. */
    private readonly jobs: number,
    /** The Go files the run has to read (those of the directories it will start). */
    private readonly filesToRead: number,
  ) {
    this.script = jobs > 0 && ctx.portable ? workerScript() : undefined;
    this.display = (abs) => displayPath(abs, ctx.config.cwd);
    this.mayComputeHere = ctx.plans.every((p) => p.codemods.every((c) => !c.origin));
    this.keepTexts = ctx.config.texts !== false || ctx.config.write === true;
  }

  /** Worker threads started so far. */
  get workers(): number {
    return this.pool?.started ?? 0;
  }

  /** Wide enough that one large package does not stall the other workers; 1 in this thread. */
  get window(): number {
    return this.script ? Math.max(2, this.jobs) * 64 : 1;
  }

  async start(dir: string, files: DiscoveredFile[]): Promise<Started> {
    const { ctx } = this;
    const scope = ctx.planOf(dir);
    const plan = ctx.plans[scope];
    const module = this.workspace.moduleOf(dir);
    const listing = ctx.found.goEntries.get(dir);
    // What the run keeps per file is what discovery found; each directory's part goes once used.
    ctx.found.goEntries.delete(dir);
    const task: DirTask = { dir, files, scope, module };
    const moduleKey = () => moduleKeyOf(module, dir, ctx.config.cwd);
    // Some codemod runs on every file, and no cache to look in: nothing to read here.
    if (!ctx.store && !plan.needles && this.script) return this.toWorker(task, sizeOf(files));
    // One read of each file, if any: it gives the cache key and says whether codemods run here
    // (and, where none does, the result: src/run/quiet-result.ts). Files the stat index knows
    // are not read unless the cache does not hold the directory's result.
    let triage = this.triage(task, plan, listing, ctx.statIndex);
    if (ctx.store) {
      const key = dirCacheKey(plan.runKey, moduleKey(), triage.inputs);
      // Most directories of a warm run: a result of plain files, known from the stat index alone.
      const plain = ctx.statIndex?.plainResult(dir, key);
      const hit = (plain && plainResult(plain, triage.inputs)) || ctx.store.get(key, triage.inputs, this.keepTexts);
      if (hit) {
        ctx.statIndex?.rememberPlainResult(dir, key, plainPaths(hit));
        return { now: hit };
      }
      if (triage.inputs.some((i) => i.unread)) triage = this.triage(task, plan, listing, undefined);
    }
    const quiet = triage.busy === 0 ? triage.quiet.result() : undefined;
    if (quiet) {
      if (ctx.store) {
        // A result of plain files is a line of the stat index, not a file of the cache: writing
        // a file per directory cost the first run with the cache ~50% more. (Without that index,
        // a directory where no codemod runs is only computed again, in this thread.)
        const key = dirCacheKey(plan.runKey, moduleKey(), triage.inputs);
        const plain = ctx.statIndex && plainPaths(quiet);
        if (plain) ctx.statIndex!.rememberPlainResult(dir, key, plain);
        else ctx.store.put(key, quiet);
      }
      return { now: quiet };
    }
    const readAll = () => this.reader.read(dir, files, plan.withContext, this.display, listing);
    if (!this.script) return { now: await this.inThisThread(task, readAll()) };
    if (triage.busy === 0) {
      // What the quick path leaves (errors, suppression comments): the engine, still here.
      const work = await this.loadWork();
      const inputs = readAll();
      try {
        return { now: work.computeAndStore(task, inputs, { parser: unused<GoParser>('the parser'), gofmt: unused<Gofmt>('gofmt'), store: ctx.store }, plan) };
      } catch {
        // A bug of the quiet check: the workers compute it as they would any directory.
      }
    }
    if (this.fitsHere(triage.busy)) return { now: await this.inThisThread(task, readAll(), triage.busy) };
    return this.toWorker(task, triage.busy);
  }

  /** Time per unit of weight of the directories computed here so far; the guess before the first. */
  private get msPerWeight(): number {
    return this.hereWeight > 0 ? this.hereMs / this.hereWeight : MS_PER_BYTE;
  }

  /**
   * Whether a directory of this weight, meant for a worker, is computed here instead: while no
   * worker has been started and the work computed here, this one included, stays within
   * IN_THREAD_BUDGET_MS (none in a run with much reading left, READING_LEFT_FOR_WORKER_MS).
   */
  private fitsHere(weight: number): boolean {
    if (!this.mayComputeHere || this.pool) return false;
    const readingLeftMs = this.readFiles > 0 ? (this.readMs / this.readFiles) * Math.max(0, this.filesToRead - this.readFiles) : 0;
    const budget = readingLeftMs > READING_LEFT_FOR_WORKER_MS ? 0 : IN_THREAD_BUDGET_MS;
    return this.hereMs + Math.max(1, weight) * this.msPerWeight <= budget;
  }

  /**
   * Called when nothing is left to start and a result is awaited: computes here the oldest
   * directory waiting for a worker, if no worker is ready yet and little waits (see
   * IN_THREAD_BYTES). Returns whether it did.
   */
  async computeWhileWorkersStart(): Promise<boolean> {
    const job = this.mayComputeHere ? this.pool?.takeQueued(IN_THREAD_BYTES) : undefined;
    if (!job) return false;
    const plan = this.ctx.plans[job.task.scope];
    try {
      job.resolve(await this.inThisThread(job.task, this.reader.read(job.task.dir, job.task.files, plan.withContext, this.display)));
    } catch (e) {
      job.reject(e instanceof Error ? e : new Error(String(e))); // loading the engine failed: the directory's error, as from a worker
    }
    return true;
  }

  /** Hands a directory to a worker (started as needed); `weight`: the bytes its codemods run on. */
  private toWorker(task: DirTask, weight: number): Started {
    // What the directories computed here took says what the workers' will, until theirs do.
    this.pool ??= new WorkerPool<DirTask, DirResult>(this.script!, this.workerInit(), { max: this.jobs, growAfterMs: GROW_AFTER_MS, msPerWeight: this.msPerWeight });
    return { later: this.pool.run(task, weight).catch((e: Error) => this.failed(task, e.message)) };
  }

  /**
   * Reads a directory's files one at a time (DirReader.scan), with their digests when the
   * cache is on: the bytes of those some codemod can run on (`busy`), and the result where
   * none can. With `index`, files it knows are not read (`unread`).
   */
  private triage(task: DirTask, plan: ScopePlan, listing: readonly GoEntry[] | undefined, index: StatIndex | undefined) {
    const quiet = new QuietResult(task, plan);
    let busy = 0;
    const began = performance.now();
    const inputs = this.reader.scan(
      task.dir,
      task.files,
      plan.withContext,
      this.display,
      listing,
      (input, bytes) => {
        if (input.context || !bytes) quiet.add(input, bytes);
        // At least 1 per file: an empty file some codemod runs on is work too (it may be given a package clause).
        else if (isBusy(bytes, plan.needles)) busy += Math.max(1, bytes.length);
        else if (busy === 0) quiet.add(input, bytes);
      },
      { hash: Boolean(this.ctx.store), index },
    );
    this.readMs += performance.now() - began;
    this.readFiles += task.files.length;
    return { inputs, busy, quiet };
  }

  /**
   * The directory's result computed here, with the parser and gofmt (loaded on first use).
   * `weight`: given for a directory meant for a worker, whose time (loading aside) is counted
   * against IN_THREAD_BUDGET_MS.
   */
  private async inThisThread(task: DirTask, inputs: readonly DirInput[], weight?: number): Promise<DirResult> {
    const work = await this.loadWork();
    this.env ??= (async () => {
      const [{ loadGoParser }, { loadGofmt }] = await Promise.all([import('../go/parser.js'), import('../engine/gofmt.js')]);
      return { parser: await loadGoParser(), gofmt: await loadGofmt(work.wasmMemoryDropped), reader: this.reader, store: this.ctx.store, scopes: this.ctx.plans, keepTexts: this.keepTexts };
    })();
    const env = await this.env;
    const began = performance.now();
    try {
      return work.computeAndStore(task, inputs, env, this.ctx.plans[task.scope]);
    } catch (e) {
      // A failure of the work itself (a bug) is an error of the directory's files, as from a worker.
      return this.failed(task, e instanceof Error ? (e.stack ?? e.message) : String(e));
    } finally {
      if (weight !== undefined) {
        this.hereMs += performance.now() - began;
        this.hereWeight += Math.max(1, weight);
      }
    }
  }

  private loadWork(): Promise<Work> {
    return (this.work ??= import('./work.js'));
  }

  private async failed(task: DirTask, message: string): Promise<DirResult> {
    const { errorOutcome } = await this.loadWork();
    return { files: task.files.map((f) => errorOutcome(f.abs, f.path, `internal error while processing this directory: ${message}`)), generated: 0 };
  }

  private workerInit(): WorkerInit {
    return {
      scopes: this.ctx.plans.map((p) => ({
        codemods: p.codemods.map((c) => ({ name: c.codemod.name, options: c.options, module: c.origin?.module })),
        opts: p.opts,
        withContext: p.withContext,
        runKey: p.runKey,
      })),
      cacheDir: this.ctx.store && this.ctx.config.cacheDir,
      keepTexts: this.keepTexts,
    };
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
