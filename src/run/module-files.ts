/**
 * Phase one of a run: go.mod and go.work files, one at a time, in the main thread (they
 * have no Go grammar, so no parser is loaded for them). Every shard computes them all, since
 * phase two reads the Go versions they leave, but reports only its own.
 */
import type { GoParser } from '../go/parser.js';
import { dirCacheKey } from './cache.js';
import { DirReader } from './dir-inputs.js';
import type { DiscoveredFile } from './discover.js';
import type { OutcomeWithFile } from './dir-result.js';
import { kindOf, type RunContext } from './plan.js';
import { moduleFileProblem, moduleFileProblemOf } from './workspace.js';

/** What phase one leaves for phase two. */
export interface ModuleFiles {
  /** The new texts of the go.mod / go.work files that codemods changed (without error), by absolute path. */
  rewritten: Map<string, string>;
  /** Their outcomes, for this shard's output (texts dropped when unchanged). */
  outcomes: OutcomeWithFile[];
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

export async function runModuleFiles(ctx: RunContext, files: readonly DiscoveredFile[]): Promise<ModuleFiles> {
  const { config, plans, store, tally } = ctx;
  const rewritten = new Map<string, string>();
  const outcomes: OutcomeWithFile[] = [];
  const reader = new DirReader();
  for (const f of files) {
    const kind = kindOf(f.abs);
    if (kind === 'go') continue;
    const plan = plans[ctx.planOf(f.dir)];
    const input = reader.readOne(f.abs, f.path);
    const cacheKey = store && dirCacheKey(plan.runKey, kind, [input]);
    const hit = cacheKey ? store.get(cacheKey, [input]) : undefined;
    let outcome = hit?.files[0];
    // A file the go command cannot read is an error (exit 2), with Go files or without: from
    // the bytes just read (parsing a long go.mod whole costs more than reading its entry).
    let problem = hit?.moduleProblem;
    if (!outcome) {
      problem = input.bytes ? moduleFileProblemOf(Buffer.from(input.bytes).toString('utf8'), f.abs, kind, config.cwd) : moduleFileProblem(f.abs, kind, config.cwd);
      const { decodeInput } = await import('./work.js');
      const { runUnit } = await import('../engine/engine.js');
      const r = decodeInput(input);
      if (!r.ok) outcome = r.outcome;
      else {
        const [o] = runUnit(NO_GO_PARSER, plan.codemods, [{ kind, path: f.path, source: r.text, goVersion: undefined, packageName: '' }], {
          maxRounds: config.maxRounds,
          reportUnusedSuppressions: plan.opts.reportUnusedSuppressions,
        });
        outcome = { ...o, abs: f.abs };
      }
      if (cacheKey) store.put(cacheKey, { files: [outcome], generated: 0, moduleProblem: problem });
    }
    if (outcome.output !== outcome.original) {
      if (!outcome.errors.length) rewritten.set(f.abs, outcome.output);
    } else outcome = { ...outcome, original: '', output: '' }; // as for Go files: no texts kept when unchanged
    if (ctx.inShard(f.dir)) {
      outcomes.push(outcome);
      if (problem) tally.problem(problem);
    }
  }
  return { rewritten, outcomes };
}
