/** A worker thread of the pool: loads the parser, gofmt and codemods once, then runs tasks. */
import { parentPort, workerData } from 'node:worker_threads';
import { builtinCodemods } from '../registry/builtins.js';
import { ResultCache } from './cache.js';
import { DirReader } from './dir-inputs.js';
import type { LoadedCodemod } from '../engine/engine.js';
import { loadGofmt } from '../engine/gofmt.js';
import { loadGoParser } from '../go/parser.js';
import { processDirectory, wasmMemoryDropped, type WorkEnv } from './work.js';
import type { DirTask, WorkOptions } from './dir-result.js';

export interface WorkerInit {
  /** Each scope's settings, as WorkScope (src/run/work.ts) with its codemods by reference. */
  scopes: {
    /** Built-ins by name; codemods from the user's files by the module to import. */
    codemods: { name: string; options: Record<string, unknown>; module?: string }[];
    opts: WorkOptions;
    withContext: boolean;
    runKey: string;
  }[];
  /** The content cache, where workers store what they compute. */
  cacheDir?: string;
  /** false: results go back without their changed files' texts (RunConfig.texts). */
  keepTexts: boolean;
}

const init = workerData as WorkerInit;
const ready: Promise<WorkEnv> = (async () => {
  const byName = new Map(builtinCodemods.map((c) => [c.name, c]));
  // A codemod file that several scopes load is imported once (a module is cached by URL anyway).
  const codemodOf = async (c: WorkerInit['scopes'][number]['codemods'][number]) =>
    c.module ? ((await import(c.module)) as { default: LoadedCodemod['codemod'] }).default : byName.get(c.name)!;
  return {
    parser: await loadGoParser(),
    gofmt: await loadGofmt(wasmMemoryDropped),
    reader: new DirReader(),
    store: init.cacheDir === undefined ? undefined : new ResultCache(init.cacheDir),
    keepTexts: init.keepTexts,
    scopes: await Promise.all(
      init.scopes.map(async (s) => ({
        codemods: await Promise.all(s.codemods.map(async (c) => ({ codemod: await codemodOf(c), options: c.options }))),
        withContext: s.withContext,
        opts: s.opts,
        runKey: s.runKey,
      })),
    ),
  };
})();

// Tasks are sent once the worker says it is ready (src/run/pool.ts); a failure to load is
// each task's error, as it comes.
void ready.then(
  () => parentPort!.postMessage({ ready: true }),
  () => parentPort!.postMessage({ ready: true }),
);

parentPort!.on('message', async (task: DirTask) => {
  try {
    const env = await ready;
    parentPort!.postMessage({ ok: true, result: processDirectory(task, env) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
