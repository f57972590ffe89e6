/**
 * A small worker-thread pool. Written on worker_threads directly rather than a library
 * (piscina, workerpool) because what we need is narrow and specific: workers that keep
 * state across tasks (the parser, grammar, gofmt and codemods load once per worker), a
 * per-worker init message, and a crash of one worker (a WASM abort) that fails only its
 * task and is replaced. Results come back by promise; the runner restores the order.
 *
 * Workers start when there is work for them, one at a time: the first with the first task,
 * each further one (up to `max`) only while every worker is busy and the work waiting for one
 * would take one worker longer than `growAfterMs`. A worker costs ~100-150 ms of CPU to start
 * (loading the modules, compiling the parser's and gofmt's WASM): a run with little to parse
 * is done before a second one would pay for itself, and on a 2-core machine it would take the
 * core the main thread needs. How long the waiting work takes is learnt from the tasks done
 * (time per unit of weight; a worker's first task, which pays for its start, does not count),
 * and guessed from `msPerWeight` until then.
 *
 * A task goes to a worker once the worker is ready (its parser, gofmt and codemods loaded).
 * Until then, the caller may take queued tasks back (`takeQueued`) and run them itself: a
 * worker starting takes CPU the main thread needs, and the first tasks may be done before it
 * is ready. (When to start the first worker at all is the caller's choice: src/run/dispatch.ts.)
 */
import { Worker } from 'node:worker_threads';

interface Job<T, R> {
  task: T;
  weight: number;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
  /** When it was sent to its worker (performance.now()). */
  sentAt?: number;
}

interface Slot<T, R> {
  worker: Worker;
  /** It said it is ready for tasks. */
  ready: boolean;
  job?: Job<T, R>;
  /** Tasks it has finished. */
  done: number;
}

export interface PoolOptions {
  /** Most workers. */
  max: number;
  /** Start another worker while the waiting work would keep one worker busy longer than this. */
  growAfterMs: number;
  /** The time a unit of weight takes, until tasks done say. */
  msPerWeight: number;
}

export class WorkerPool<T, R> {
  private readonly slots: Slot<T, R>[] = [];
  private readonly queue: Job<T, R>[] = [];
  private queuedWeight = 0;
  private closed = false;
  /** Time and weight of the tasks done (first tasks of workers aside). */
  private doneMs = 0;
  private doneWeight = 0;
  /** Workers started, replacements of crashed ones included. */
  started = 0;
  /** Some worker has been ready for tasks. */
  private anyReady = false;

  constructor(
    private readonly script: URL,
    private readonly workerData: unknown,
    private readonly opts: PoolOptions,
  ) {}

  private spawn(): Slot<T, R> {
    this.started++;
    // A small young generation: workers allocate texts and trees' JS wrappers at a high rate,
    // and V8's default (16 MB semi-spaces each) let a pool of two peak ~60 MB higher on
    // GOROOT/src for no speed (measured: 265-326 MB default, 200-246 MB at 4 MB, same time).
    const slot: Slot<T, R> = { worker: new Worker(this.script, { workerData: this.workerData, resourceLimits: { maxYoungGenerationSizeMb: 4 } }), ready: false, done: 0 };
    slot.worker.on('message', (msg: { ready: true } | { ok: true; result: R } | { ok: false; error: string }) => {
      if ('ready' in msg) {
        slot.ready = true;
        this.anyReady = true;
        this.dispatch();
        return;
      }
      const job = slot.job;
      slot.job = undefined;
      if (job) {
        if (slot.done++ > 0 && job.sentAt !== undefined) {
          this.doneMs += performance.now() - job.sentAt;
          this.doneWeight += job.weight;
        }
        if (msg.ok) job.resolve(msg.result);
        else job.reject(new Error(msg.error));
      }
      this.dispatch();
      this.grow();
    });
    let dead = false;
    const fail = (err: Error) => {
      if (dead) return; // 'error', then 'exit': one death
      dead = true;
      // While no worker has ever been ready, a worker that dies before it is (a user's
      // codemod module that exits as it loads) fails the oldest waiting task, as one that dies
      // in a task fails that task: each death costs one task, so workers that can never start
      // cannot stall the run. Once one has been ready, the waiting tasks are left to it.
      const job = slot.job ?? (slot.ready || this.anyReady ? undefined : this.takeOldest());
      slot.job = undefined;
      job?.reject(err);
      if (this.closed) return;
      // Replace the dead worker while work waits, so one crash costs one task, not the run.
      // With nothing waiting it is only dropped (`run` starts one again when work comes): a
      // worker that dies as it loads would otherwise be started again for the rest of the run.
      const i = this.slots.indexOf(slot);
      if (i >= 0) {
        if (this.queue.length) this.slots[i] = this.spawn();
        else this.slots.splice(i, 1);
      }
      this.dispatch();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      // Even with code 0: a worker leaves only when closed (process.exit() in a codemod ends its thread).
      if (!this.closed) fail(new Error(`worker exited with code ${code}`));
    });
    return slot;
  }

  /** Runs a task on some worker. `weight`: what it costs, roughly (the bytes codemods may parse). */
  run(task: T, weight: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ task, weight, resolve, reject });
      this.queuedWeight += weight;
      if (this.slots.length === 0) this.slots.push(this.spawn());
      this.dispatch();
      this.grow();
    });
  }

  /** Another worker, while they are all busy and the waiting work is long enough to pay for it. */
  private grow() {
    // A worker still starting counts as busy: the waiting work is not its alone.
    if (this.closed || this.slots.length === 0 || this.slots.length >= this.opts.max || this.queue.length === 0 || !this.slots.every((s) => s.job || !s.ready)) return;
    const msPerWeight = this.doneWeight > 0 ? this.doneMs / this.doneWeight : this.opts.msPerWeight;
    if (this.queuedWeight * msPerWeight <= this.opts.growAfterMs) return;
    this.slots.push(this.spawn());
    this.dispatch();
  }

  /**
   * The oldest task waiting for a worker, taken back to run elsewhere, while no worker has
   * been ready yet and all the waiting work weighs at most `maxWeight` (whatever it weighs
   * while none has started: nothing else would run the tasks); otherwise undefined.
   */
  takeQueued(maxWeight: number): { task: T; resolve: (r: R) => void; reject: (e: Error) => void } | undefined {
    if (this.anyReady || (this.slots.length > 0 && this.queuedWeight > maxWeight)) return undefined;
    return this.takeOldest();
  }

  private takeOldest(): Job<T, R> | undefined {
    const job = this.queue.shift();
    if (job) this.queuedWeight -= job.weight;
    return job;
  }

  private dispatch() {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || this.queue.length === 0) continue;
      slot.job = this.queue.shift()!;
      slot.job.sentAt = performance.now();
      this.queuedWeight -= slot.job.weight;
      slot.worker.postMessage(slot.job.task);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
