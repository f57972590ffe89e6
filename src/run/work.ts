/**
 * One unit of parallel work: a directory of Go files (every Go package in it). Reads,
 * decodes and groups the files, then runs the engine per package. Runs in a worker
 * thread or in-process; it never writes (the runner does) and returns plain data.
 */
import { displayPath } from './paths.js';
import type { DiscoveredFile } from './discover.js';
import type { DirInput, DirReader } from './dir-inputs.js';
import { runUnit, type FileOutcome, type LoadedCodemod, type UnitFile } from '../engine/engine.js';
import { isGenerated, packageName } from '../go/header.js';
import { dirCacheKey, moduleKeyOf, type ResultCache } from './cache.js';
import type { Gofmt } from '../engine/gofmt.js';
import type { GoParser } from '../go/parser.js';
import { gcPacer } from './gc-pacer.js';
import { decodeGoSource } from './read-source.js';
import { importPathOf, type Module } from './module.js';
import { constrainedGoVersion } from '../go/build-constraint.js';
import { goUnitFile } from '../engine/unit-file.js';
import { meetsMinGo } from '../go/goversion.js';
import { dropTexts, emptyOutcome, type DirResult, type DirTask, type OutcomeWithFile, type WorkOptions } from './dir-result.js';
import { diffHunks } from '../output/unified-diff.js';

export interface WorkEnv {
  parser: GoParser;
  gofmt: Gofmt;
  reader: DirReader;
  /** The content cache (absent: no cache). */
  store?: ResultCache;
  /** The settings of each scope (src/run/scopes.ts), by the index a task names. */
  scopes: WorkScope[];
  /** false: results go back without their changed files' texts (RunConfig.texts). */
  keepTexts?: boolean;
}

/** The settings of the directories of one scope, as the work needs them. */
export interface WorkScope {
  codemods: LoadedCodemod[];
  /** Some codemod is package-scoped: read the package's other files as context. */
  withContext: boolean;
  opts: WorkOptions;
  /** The part of the cache keys that these settings decide (src/run/cache.ts). */
  runKey: string;
}

export function errorOutcome(abs: string, path: string, message: string, line?: number): OutcomeWithFile {
  return emptyOutcome(abs, path, { errors: [{ message, line }] });
}

/** Decodes a file's bytes, or says why it cannot be processed. */
export function decodeInput(input: DirInput): { ok: true; text: string } | { ok: false; outcome: OutcomeWithFile } {
  if (!input.bytes) return { ok: false, outcome: errorOutcome(input.abs, input.path, input.readError ?? 'cannot read') };
  const decoded = decodeGoSource(input.bytes);
  if (!decoded.ok) return { ok: false, outcome: errorOutcome(input.abs, input.path, decoded.problem, decoded.line) };
  return { ok: true, text: decoded.text };
}

/**
 * Reads a directory, runs its work, and stores the result under the key of exactly what
 * it read (the runner's lookup read the files too, but they may have changed since).
 */
export function processDirectory(task: DirTask, env: WorkEnv): DirResult {
  const scope = env.scopes[task.scope];
  const { opts } = scope;
  const inputs = env.reader.read(task.dir, task.files, scope.withContext, (abs) => displayPath(abs, opts.cwd));
  return computeAndStore(task, inputs, env, scope);
}

/**
 * The result of a directory whose inputs are read, stored in the cache under the key of
 * exactly these inputs. The main thread calls it for directories where no codemod runs
 * (src/run/quiet.ts), with a parser and gofmt that are never used.
 */
export function computeAndStore(task: DirTask, inputs: readonly DirInput[], env: Pick<WorkEnv, 'parser' | 'gofmt' | 'store' | 'keepTexts'>, scope: WorkScope): DirResult {
  const result = computeDirectory(task.dir, task.module, inputs, env, scope);
  if (env.store) env.store.put(dirCacheKey(scope.runKey, moduleKeyOf(task.module, task.dir, scope.opts.cwd), inputs), result);
  processed(inputs.reduce((n, i) => n + (i.bytes?.length ?? 0), dropped));
  dropped = 0;
  return env.keepTexts === false ? dropTexts(result) : result;
}

/** Keeps this thread's memory flat over a long run (see src/run/gc-pacer.ts). */
const processed = gcPacer();

/**
 * WASM memory this thread dropped since the last directory (gofmt instances replaced past
 * their bound): it counts toward the next collection as source does. A run that rewrites many
 * files (rangeint on GOROOT/src: 640) drops a 32 MB instance every few files, and waiting for
 * 32 MB of source between collections let the dropped memory pile up (external memory of
 * one thread: 153 MB at its peak over GOROOT/src, against 74 MB for interface-to-any).
 */
let dropped = 0;
export function wasmMemoryDropped(bytes: number): void {
  dropped += bytes;
}

/** `mod`: the directory's module, as the main thread read it (workers parse no go.mod). */
function computeDirectory(dir: string, mod: Module | null, inputs: readonly DirInput[], env: Pick<WorkEnv, 'parser' | 'gofmt'>, scope: WorkScope): DirResult {
  const { opts } = scope;
  const out: OutcomeWithFile[] = [];
  const result: DirResult = { files: out, generated: 0 };
  if (mod?.problem) result.moduleProblem = { path: `${displayPath(mod.gomod, opts.cwd)}:${mod.problem.line}`, message: mod.problem.message };
  const units = new Map<string, UnitFile[]>();
  const absOf = new Map<string, string>();
  const place = { importPath: importPathOf(mod, dir), modulePath: mod?.path, moduleGoVersion: mod ? mod.goVersion : opts.goVersion };
  for (const input of inputs) {
    const r = decodeInput(input);
    if (input.context) {
      // Package-scoped codemods see the whole package, including files the paths left out.
      const unit = r.ok ? units.get(packageName(r.text)) : undefined;
      if (!r.ok || !unit) continue;
      unit.push(goUnitFile(input.path, r.text, place, 'outside the paths given'));
      continue;
    }
    if (!r.ok) {
      out.push(r.outcome);
      continue;
    }
    if (mod?.problem) {
      // Without a readable go directive, no codemod can know which Go it may write.
      const what = mod.problem.unreadable ? 'cannot be read' : 'is malformed';
      out.push(errorOutcome(input.abs, input.path, `not processed: its go.mod ${what} (${result.moduleProblem!.path}: ${mod.problem.message})`));
      continue;
    }
    const generated = isGenerated(r.text);
    if (generated && !opts.includeGenerated) result.generated++;
    absOf.set(input.path, input.abs);
    const file = goUnitFile(input.path, r.text, place, generated && !opts.includeGenerated ? 'generated' : undefined);
    const key = file.packageName || `\0${input.path}`; // a file without a package clause is its own unit
    const unit = units.get(key) ?? [];
    unit.push(file);
    units.set(key, unit);
  }
  const needs = needsGoLineOf(mod, scope.codemods);
  for (const unit of units.values()) {
    for (const o of runUnit(env.parser, scope.codemods, unit, { maxRounds: opts.maxRounds, gofmt: env.gofmt, reportUnusedSuppressions: opts.reportUnusedSuppressions })) {
      // The texts of a file left as it was are dropped here: results cross threads and stay
      // queued for ordered output, and such files are most of a large tree.
      const same = o.output === o.original;
      const needsGoLine = !same && needs(o);
      out.push({
        ...o,
        abs: absOf.get(o.path)!,
        ...(same ? { original: '', output: '' } : { diffHunks: diffHunks(o.path, o.original, o.output) }),
        ...(needsGoLine ? { needsGoLine } : {}),
      });
    }
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

/**
 * Whether a changed file's edits need its go.mod's go line as phase one raised it: some
 * codemod that changed the file requires a Go that the file's version, computed from the
 * go.mod on disk, does not reach. Then the two are written together (src/run/write-groups.ts).
 */
function needsGoLineOf(mod: Module | null, codemods: readonly LoadedCodemod[]): (o: FileOutcome) => true | undefined {
  if (mod?.goVersionOnDisk === undefined) return () => undefined;
  const minGo = new Map(codemods.map((c) => [c.codemod.name, c.codemod.minGo]));
  return (o) => {
    const before = constrainedGoVersion(mod.goVersionOnDisk, o.original);
    return [...o.changes.keys()].some((name) => !meetsMinGo(before, minGo.get(name))) ? true : undefined;
  };
}
