/**
 * One unit of parallel work: a directory of Go files (every Go package in it). Reads,
 * decodes and groups the files, then runs the engine per package. Runs in a worker thread
 * or in-process; it never writes (the runner does) and returns plain data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError, displayPath, type DiscoveredFile } from './discover.js';
import { runUnit, type FileOutcome, type LoadedCodemod, type UnitFile } from './engine.js';
import { isGenerated, packageName } from './go-header.js';
import { cacheKey, type ResultCache } from './cache.js';
import type { Gofmt } from './gofmt.js';
import type { GoParser } from './parser.js';
import { decodeGoSource } from './read-source.js';
import { importPathOf, type Workspace } from './workspace.js';

export interface DirTask {
  dir: string;
  files: DiscoveredFile[];
}

export interface WorkOptions {
  cwd: string;
  includeGenerated?: boolean;
  goVersion?: string;
  maxRounds?: number;
}

/** What a unit of work returns: one entry per file, in path order. */
export interface DirResult {
  files: OutcomeWithFile[];
  /** Files read as generated and therefore not edited. */
  generated: number;
  /** A go.mod problem to report once: `path:line`, message. */
  moduleProblem?: { path: string; message: string };
}

export interface OutcomeWithFile extends FileOutcome {
  abs: string;
}

export interface WorkEnv {
  parser: GoParser;
  gofmt: Gofmt;
  workspace: Workspace;
  codemods: LoadedCodemod[];
  /** The content cache and the part of its key global to the run (absent: no cache). */
  cache?: { store: ResultCache; runKey: unknown };
}

export function errorOutcome(abs: string, path: string, message: string, line?: number): OutcomeWithFile {
  return { abs, path, original: '', output: '', findings: [], errors: [{ message, line }], notes: [], skippedBy: [], changes: new Map() };
}

/** Reads and decodes a file, or says why it cannot be processed. */
export function readGoFile(file: DiscoveredFile): { ok: true; text: string } | { ok: false; outcome: OutcomeWithFile } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.abs);
  } catch (e) {
    return { ok: false, outcome: errorOutcome(file.abs, file.path, `cannot read: ${describeFsError(e)}`) };
  }
  const decoded = decodeGoSource(bytes);
  if (!decoded.ok) return { ok: false, outcome: errorOutcome(file.abs, file.path, decoded.problem, decoded.line) };
  return { ok: true, text: decoded.text };
}

export function processDirectory(task: DirTask, env: WorkEnv, opts: WorkOptions): DirResult {
  const out: OutcomeWithFile[] = [];
  const result: DirResult = { files: out, generated: 0 };
  const mod = env.workspace.moduleOf(task.dir);
  if (mod?.problem) result.moduleProblem = { path: `${displayPath(mod.gomod, opts.cwd)}:${mod.problem.line}`, message: mod.problem.message };
  const units = new Map<string, UnitFile[]>();
  const absOf = new Map<string, string>();
  for (const f of task.files) {
    const r = readGoFile(f);
    if (!r.ok) {
      out.push(r.outcome);
      continue;
    }
    if (mod?.problem) {
      // Without a readable go directive, no codemod can know which Go it may write.
      out.push(errorOutcome(f.abs, f.path, `not processed: its go.mod is malformed (${result.moduleProblem!.path}: ${mod.problem.message})`));
      continue;
    }
    const generated = isGenerated(r.text);
    if (generated && !opts.includeGenerated) result.generated++;
    absOf.set(f.path, f.abs);
    const pkg = packageName(r.text);
    const key = pkg || `\0${f.path}`; // a file without a package clause is its own unit
    const unit = units.get(key) ?? [];
    unit.push({
      path: f.path,
      source: r.text,
      packageName: pkg,
      importPath: importPathOf(mod, task.dir),
      modulePath: mod?.path,
      goVersion: env.workspace.fileGoVersion(f.abs, r.text, opts.goVersion),
      contextOnly: generated && !opts.includeGenerated ? 'generated' : undefined,
    });
    units.set(key, unit);
  }
  // Package-scoped codemods see the whole package, including files the arguments left out.
  if (env.codemods.some((c) => c.codemod.scope === 'package')) {
    addContextFiles(task.dir, opts, new Set(task.files.map((f) => f.abs)), units, env.workspace);
  }
  for (const unit of units.values()) {
    for (const o of runCached(unit, env, opts)) {
      // The texts of an unchanged file are dropped here: results cross threads and stay
      // queued for ordered output, and unchanged files are most of a large tree.
      const unchanged = o.output === o.original && !o.errors.length;
      out.push({ ...o, abs: absOf.get(o.path)!, ...(unchanged ? { original: '', output: '' } : {}) });
    }
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

function runCached(unit: UnitFile[], env: WorkEnv, opts: WorkOptions): FileOutcome[] {
  const run = () => runUnit(env.parser, env.codemods, unit, { maxRounds: opts.maxRounds, gofmt: env.gofmt });
  if (!env.cache) return run();
  const key = cacheKey({ run: env.cache.runKey, files: unit });
  const hit = env.cache.store.get(key, unit);
  if (hit) return hit;
  const outcomes = run();
  env.cache.store.put(key, outcomes);
  return outcomes;
}

/** Reads the other .go files of a directory (same package) as read-only context. */
function addContextFiles(dir: string, opts: WorkOptions, listed: Set<string>, units: Map<string, UnitFile[]>, workspace: Workspace) {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.go') && !n.startsWith('.') && !n.startsWith('_'));
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const abs = join(dir, name);
    if (listed.has(abs)) continue;
    const r = readGoFile({ abs, path: displayPath(abs, opts.cwd) });
    if (!r.ok) continue;
    const unit = units.get(packageName(r.text));
    if (!unit) continue;
    const mod = workspace.moduleOf(dir);
    unit.push({
      path: displayPath(abs, opts.cwd),
      source: r.text,
      packageName: packageName(r.text),
      importPath: importPathOf(mod, dir),
      modulePath: mod?.path,
      goVersion: workspace.fileGoVersion(abs, r.text, opts.goVersion),
      contextOnly: 'outside the paths given',
    });
  }
}
