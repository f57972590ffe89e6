/** A worker thread of the pool: loads the parser, gofmt and codemods once, then runs tasks. */
import { parentPort, workerData } from 'node:worker_threads';
import { builtinCodemods } from '../registry/builtins.js';
import { ResultCache } from './cache.js';
import { DirReader } from './dir-inputs.js';
import type { LoadedCodemod } from '../engine/engine.js';
import { loadGofmt } from '../engine/gofmt.js';
import { loadGoParser } from '../go/parser.js';
import { processDirectory, type WorkEnv } from './work.js';
import type { DirTask, WorkOptions } from './dir-result.js';
import { workspaceWithModuleFiles } from './workspace.js';

export interface WorkerInit {
  /** Built-ins by name; codemods from the user's files by the module to import. */
  codemods: { name: string; options: Record<string, unknown>; module?: string }[];
  opts: WorkOptions;
  /** go.mod / go.work texts as phase one of the run left them, by absolute path. */
  moduleFiles: [string, string][];
  /** Some codemod is package-scoped: read the package's other files as context. */
  withContext: boolean;
  /** The content cache, where workers store what they compute, and the run's part of its keys. */
  cache?: { dir: string; runKey: string };
}

const init = workerData as WorkerInit;
const ready: Promise<WorkEnv> = (async () => {
  const byName = new Map(builtinCodemods.map((c) => [c.name, c]));
  return {
    parser: await loadGoParser(),
    gofmt: await loadGofmt(),
    workspace: workspaceWithModuleFiles(new Map(init.moduleFiles)),
    codemods: await Promise.all(
      init.codemods.map(async (c) => ({
        codemod: c.module ? ((await import(c.module)) as { default: LoadedCodemod['codemod'] }).default : byName.get(c.name)!,
        options: c.options,
      })),
    ),
    reader: new DirReader(),
    withContext: init.withContext,
    cache: init.cache && { store: new ResultCache(init.cache.dir), runKey: init.cache.runKey },
  };
})();

parentPort!.on('message', async (task: DirTask) => {
  try {
    const env = await ready;
    parentPort!.postMessage({ ok: true, result: processDirectory(task, env, init.opts) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
