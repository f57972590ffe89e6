/**
 * What a run decides before reading any file: each scope's work (codemods, options, cache
 * key, what it reads), whether the cache and worker threads can be used, and which of the
 * discovered files go to which phase. Shared by the phases of src/run/runner.ts.
 */
import { basename } from 'node:path';
import { builtinCodemods } from '../registry/builtins.js';
import { codemodInputs, ResultCache, toolCodeHash } from './cache.js';
import type { DiscoveredFile, Discovery } from './discover.js';
import { displayPath } from './discover.js';
import type { WorkOptions } from './dir-result.js';
import type { FileKind } from '../go/codemod.js';
import { goNeedles } from './quiet.js';
import type { RunConfig } from './runner.js';
import type { ScopeWork } from './scopes.js';
import { inShard } from './shard.js';
import type { StatIndex } from './stat-index.js';
import type { Tally } from './tally.js';
import type { WorkScope } from './work.js';

/** A scope's settings as the run uses them: its work, keys and what it reads. */
export interface ScopePlan extends WorkScope {
  /** The kinds of files its codemods take. */
  kinds: Set<FileKind>;
  /** The needles of its codemods that take Go files (src/run/quiet.ts); undefined: some has none. */
  needles: Buffer[] | undefined;
}

/** Everything the phases of a run share. */
export interface RunContext {
  config: RunConfig;
  tally: Tally;
  found: Discovery;
  plans: ScopePlan[];
  /** The plan of a directory (an index into `plans`). */
  planOf(dir: string): number;
  /** Whether a directory is in this run's shard. */
  inShard(dir: string): boolean;
  store?: ResultCache;
  statIndex?: StatIndex;
  /** Every codemod can be loaded by a worker thread (built-ins, codemods from files). */
  portable: boolean;
}

const MODULE_FILES: Record<string, FileKind> = { 'go.mod': 'go.mod', 'go.work': 'go.work' };

export function kindOf(abs: string): FileKind {
  return abs.endsWith('.go') ? 'go' : (MODULE_FILES[basename(abs)] ?? 'go');
}

/** Discovery's filter: Go files, and go.mod / go.work files when some codemod may take them; and its key (DiscoverOptions.wantedKey). */
export function wantedFiles(knownKinds: ReadonlySet<FileKind> | undefined): { wanted: (name: string) => boolean; wantedKey: string } {
  return {
    wanted: (name) => name.endsWith('.go') || (name in MODULE_FILES && (!knownKinds || knownKinds.has(MODULE_FILES[name]))),
    wantedKey: knownKinds ? [...knownKinds].sort().join(',') : 'go,go.mod,go.work',
  };
}

/** `cacheInputs`: the key of what the codemods read besides their files; undefined: no cache. */
function planScope(work: ScopeWork, cwd: string, maxRounds: number | undefined, cacheInputs: unknown, cacheDir: string | undefined): ScopePlan {
  const opts: WorkOptions = { cwd, includeGenerated: work.includeGenerated, goVersion: work.goVersion, maxRounds, reportUnusedSuppressions: work.reportUnusedSuppressions };
  return {
    codemods: work.codemods,
    withContext: work.codemods.some((c) => c.codemod.scope === 'package'),
    opts,
    kinds: new Set(work.codemods.flatMap((c) => c.codemod.fileKinds ?? ['go'])),
    needles: goNeedles(work.codemods),
    // The settings that apply, as data (never a config file's bytes): what decides results.
    runKey:
      cacheInputs !== undefined
        ? JSON.stringify({
            tool: toolCodeHash(cacheDir),
            codemods: work.codemods.map((c) => [c.codemod.name, c.origin?.hash ?? null, c.codemod.defaultOptions ?? {}, c.options]),
            inputs: cacheInputs,
            opts,
          })
        : '',
  };
}

/**
 * The plans of the scopes that hold files, the cache (when every codemod can be cached) and
 * the shard test. `scopeOf`: a directory's scope.
 */
export function planRun(config: RunConfig, works: ReadonlyMap<number, ScopeWork>, scopeOf: (dir: string) => number, tally: Tally, found: Discovery, index: StatIndex | undefined): RunContext {
  // Built-ins are covered by the tool's code hash, codemods from files by their source hash;
  // codemods handed over in-process have neither, so they run uncached and in this thread.
  const portable = [...works.values()].every((w) => w.codemods.every((c) => c.origin || builtinCodemods.includes(c.codemod)));
  // What codemods read besides their files (Codemod.cacheInputs) is part of the key; a codemod
  // may also opt out of the cache (Codemod.cache: false).
  const everyCodemod = [...new Map([...works.values()].flatMap((w) => w.codemods.map((c) => [`${c.codemod.name}\0${JSON.stringify(c.options)}`, c] as const))).values()];
  const inputs = config.cacheDir && portable ? codemodInputs(everyCodemod, config.cwd) : undefined;
  if (inputs && !inputs.ok && inputs.problem) tally.summary.notes.push({ path: inputs.codemod, message: `${inputs.problem}: running without the cache` });
  const store = inputs?.ok ? new ResultCache(config.cacheDir!) : undefined;
  const statIndex = store && index;
  const plans: ScopePlan[] = [];
  const planIndex = new Map<number, number>();
  for (const [id, work] of works) {
    planIndex.set(id, plans.length);
    plans.push(planScope(work, config.cwd, config.maxRounds, inputs?.ok ? inputs.key : undefined, config.cacheDir));
  }
  const shard = config.shard;
  const shardOfDir = new Map<string, boolean>();
  return {
    config,
    tally,
    found,
    plans,
    planOf: (dir) => planIndex.get(scopeOf(dir))!,
    inShard: (dir) => {
      if (!shard) return true;
      let yes = shardOfDir.get(dir);
      if (yes === undefined) shardOfDir.set(dir, (yes = inShard(displayPath(dir, config.cwd), shard)));
      return yes;
    },
    store,
    statIndex,
    portable,
  };
}

/**
 * The discovered files the run processes: a scope that selects no codemod processes nothing
 * (its Go files are counted as skipped), and go.mod files go only to scopes that edit them.
 */
export function filesToProcess(ctx: RunContext): DiscoveredFile[] {
  return ctx.found.files.filter((f) => {
    const plan = ctx.plans[ctx.planOf(f.dir)];
    const kind = kindOf(f.abs);
    if (kind !== 'go') return plan.kinds.has(kind);
    if (plan.codemods.length === 0 && ctx.inShard(f.dir)) ctx.tally.skip('no codemod selected');
    return plan.codemods.length > 0;
  });
}
