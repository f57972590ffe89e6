/**
 * Phase two of a run: Go files by directory, seeing the go.mod files as phase one left them.
 * Directories are started in path order within a window (src/run/dispatch.ts says where
 * each result comes from) and their results taken in the same order, so the output is the
 * same whatever the number of jobs.
 *
 * The main thread works in slices: between two slices it lets the event loop turn, so a
 * signal is handled within a few tens of milliseconds even while it computes directories
 * where no codemod runs, or reads a large tree's cache entries.
 */
import type { DirResult } from './dir-result.js';
import type { DiscoveredFile } from './discover.js';
import { Dispatcher } from './dispatch.js';
import type { ModuleFiles } from './module-files.js';
import type { RunContext } from './plan.js';
import { workspaceWithModuleFiles } from './workspace.js';
import type { WriteGroups } from './write-groups.js';

/** Longest stretch of work in this thread between two turns of the event loop. */
const SLICE_MS = 25;

interface InFlight {
  dir: string;
  result?: DirResult;
  /** Settles once `result` is set (a worker's result). */
  settled?: Promise<unknown>;
}

/** The files of each directory of this shard, and the directories in path order. */
function byDirectory(ctx: RunContext, files: readonly DiscoveredFile[]): Map<string, DiscoveredFile[]> {
  const byDir = new Map<string, DiscoveredFile[]>();
  for (const f of files) {
    if (!f.abs.endsWith('.go') || !ctx.inShard(f.dir)) continue;
    let list = byDir.get(f.dir);
    if (!list) byDir.set(f.dir, (list = []));
    list.push(f);
  }
  return byDir;
}

/** Runs phase two; returns how many worker threads it started. */
export async function runDirectories(ctx: RunContext, files: readonly DiscoveredFile[], moduleFiles: ModuleFiles, groups: WriteGroups, jobs: number): Promise<number> {
  const { tally, config } = ctx;
  const byDir = byDirectory(ctx, files);
  const dirs = [...byDir.keys()].sort();
  const workspace = workspaceWithModuleFiles(moduleFiles.rewritten, ctx.found.goMods, ctx.statIndex?.moduleLines);
  // A go.mod phase one rewrote is written with the Go files that need its new go line: under
  // --write it waits for the last directory of its module.
  const gomodOf = (dir: string) => workspace.moduleOf(dir)?.gomod;
  const dirsOfModule = new Map<string, number>();
  for (const dir of dirs) {
    const gomod = gomodOf(dir);
    if (gomod !== undefined && moduleFiles.rewritten.has(gomod)) dirsOfModule.set(gomod, (dirsOfModule.get(gomod) ?? 0) + 1);
  }
  for (const o of moduleFiles.outcomes) {
    if (tally.stopped()) break;
    groups.moduleFile(o, dirsOfModule.get(o.abs) ?? 0);
  }

  // The files each directory in flight was given: those without a result were generated.
  const given = new Map<string, DiscoveredFile[]>();
  const collect = (dir: string, r: DirResult) => {
    if (r.moduleProblem) tally.problem(r.moduleProblem);
    if (r.generated) tally.skip('generated', r.generated);
    const files = given.get(dir);
    given.delete(dir);
    if (files && r.generated) {
      const processed = new Set(r.files.map((o) => o.abs));
      for (const f of files) if (!processed.has(f.abs)) config.onSkipped!(f.path, 'generated');
    }
    groups.directory(r.files, gomodOf(dir));
  };

  const dispatcher = new Dispatcher(ctx, workspace, Math.max(0, Math.min(jobs, dirs.length)), dirs.reduce((n, d) => n + byDir.get(d)!.length, 0));
  const pending: InFlight[] = [];
  let next = 0;
  /** Starts directories until the window is full, all are started, or the slice is used up. */
  const fill = async () => {
    const began = performance.now();
    while (next < dirs.length && pending.length < dispatcher.window && performance.now() - began < SLICE_MS && !tally.stopped()) {
      const dir = dirs[next++];
      const files = byDir.get(dir)!;
      byDir.delete(dir);
      if (config.onSkipped) given.set(dir, files);
      const entry: InFlight = { dir };
      const started = await dispatcher.start(dir, files);
      if ('now' in started) entry.result = started.now;
      else entry.settled = started.later.then((r) => (entry.result = r));
      pending.push(entry);
    }
  };
  try {
    let lastTurn = performance.now();
    for (;;) {
      await fill();
      while (pending.length && pending[0].result && !tally.stopped()) {
        const { dir, result } = pending.shift()!;
        collect(dir, result!);
      }
      if (tally.stopped() || (!pending.length && next >= dirs.length)) break;
      const head = pending[0];
      if (head && !head.result && (next >= dirs.length || pending.length >= dispatcher.window)) {
        // Nothing to start: compute a directory here while the workers are still starting
        // (letting a signal in between slices), or wait for them.
        if (!(await dispatcher.computeWhileWorkersStart())) {
          await head.settled;
          lastTurn = performance.now();
        } else if (performance.now() - lastTurn > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastTurn = performance.now();
        }
      } else if (performance.now() - lastTurn > SLICE_MS) {
        // Let a signal in now and then: cache hits and quiet directories never leave this thread.
        await new Promise((resolve) => setImmediate(resolve));
        lastTurn = performance.now();
      }
    }
  } finally {
    await dispatcher.close();
  }
  return dispatcher.workers;
}
