/**
 * The runner: discovery, reading, grouping files into Go packages, the engine per package,
 * and writing. It is the only part of gocodemod that touches the file system. Every file
 * ends as changed, unchanged, skipped or error; one bad file never stops the run.
 *
 * Two phases: go.mod and go.work files first (for codemods that ask for them), then Go
 * packages, whose Go versions are read from the go.mod files as phase one left them, so a
 * codemod raising the go directive enables minGo codemods in the same run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFsError, discover, displayPath, type DiscoveredFile, type DiscoverOptions } from './discover.js';
import { runUnit, type FileOutcome, type LoadedCodemod, type UnitFile } from './engine.js';
import { isGenerated, packageName } from './go-header.js';
import { loadGofmt, type Gofmt } from './gofmt.js';
import { loadGoParser, type GoParser } from './parser.js';
import { decodeGoSource } from './read-source.js';
import type { FileKind } from './types.js';
import { Workspace } from './workspace.js';
import { replaceFileAtomically } from './write-file.js';

export interface RunConfig extends Omit<DiscoverOptions, 'wanted'> {
  paths: string[];
  codemods: LoadedCodemod[];
  write?: boolean;
  includeGenerated?: boolean;
  /** Go version of files outside any module (default: treated as new enough). */
  goVersion?: string;
  maxRounds?: number;
  /**
   * Called once per processed file, in a deterministic order: go.mod and go.work files, then
   * Go files by directory, then file name.
   */
  onResult?: (result: FileResult) => void;
}

export type FileStatus = 'changed' | 'unchanged' | 'error';

export interface FileResult extends FileOutcome {
  abs: string;
  status: FileStatus;
  /** --write: whether the new content is on disk. */
  written: boolean;
}

export interface RunSummary {
  scanned: number;
  changed: number;
  unchanged: number;
  errorFiles: number;
  /** Reason -> count (directories and files skipped by discovery count once each). */
  skipped: Map<string, number>;
  changesByCodemod: Map<string, number>;
  /** Problems not tied to a processed file: bad arguments, unreadable directories. */
  problems: { path: string; message: string }[];
  elapsedMs: number;
}

const MODULE_FILES: Record<string, FileKind> = { 'go.mod': 'go.mod', 'go.work': 'go.work' };

function kindOf(abs: string): FileKind {
  return MODULE_FILES[basename(abs)] ?? 'go';
}

function sortByPath<T extends { path: string }>(xs: T[]): T[] {
  return xs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file read and decoded, or the error result that replaces it. */
type Loaded = { ok: true; file: DiscoveredFile; bytes: Buffer; text: string } | { ok: false; result: FileResult };

function errorResult(abs: string, path: string, message: string, line?: number): FileResult {
  return {
    abs,
    path,
    original: '',
    output: '',
    findings: [],
    errors: [{ message, line }],
    notes: [],
    skippedBy: [],
    changes: new Map(),
    status: 'error',
    written: false,
  };
}

function load(file: DiscoveredFile): Loaded {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.abs);
  } catch (e) {
    return { ok: false, result: errorResult(file.abs, file.path, `cannot read: ${describeFsError(e)}`) };
  }
  const decoded = decodeGoSource(bytes);
  if (!decoded.ok) return { ok: false, result: errorResult(file.abs, file.path, decoded.problem, decoded.line) };
  return { ok: true, file, bytes, text: decoded.text };
}

export async function run(config: RunConfig): Promise<RunSummary> {
  const started = performance.now();
  const parser = await loadGoParser();
  const gofmt = await loadGofmt();
  const moduleKinds = new Set<FileKind>(config.codemods.flatMap((c) => c.codemod.fileKinds ?? ['go']));
  const found = discover(config.paths, {
    ...config,
    wanted: (name) => name.endsWith('.go') || (name in MODULE_FILES && moduleKinds.has(MODULE_FILES[name])),
  });
  const summary: RunSummary = {
    scanned: 0,
    changed: 0,
    unchanged: 0,
    errorFiles: 0,
    skipped: new Map(),
    changesByCodemod: new Map(),
    problems: found.errors.map((e) => ({ path: e.path, message: e.message })),
    elapsedMs: 0,
  };
  const skip = (reason: string) => summary.skipped.set(reason, (summary.skipped.get(reason) ?? 0) + 1);
  for (const s of found.skipped) skip(s.reason);

  const emit = (r: FileResult) => {
    summary.scanned++;
    if (r.errors.length) summary.errorFiles++;
    if (r.status === 'changed') summary.changed++;
    else if (r.status === 'unchanged') summary.unchanged++;
    for (const s of r.skippedBy) skip(`${s.codemod}: go version too old`);
    if (r.output !== r.original) for (const [c, n] of r.changes) summary.changesByCodemod.set(c, (summary.changesByCodemod.get(c) ?? 0) + n);
    config.onResult?.(r);
  };

  // Runs the engine on one unit and turns its outcomes into results (writing with --write).
  const process = (unit: UnitFile[], loaded: Map<string, Loaded & { ok: true }>): FileResult[] =>
    runUnit(parser, config.codemods, unit, { maxRounds: config.maxRounds, gofmt }).map((o) => {
      const l = loaded.get(o.path)!;
      const changed = o.output !== o.original;
      const result: FileResult = { ...o, abs: l.file.abs, status: o.errors.length ? 'error' : changed ? 'changed' : 'unchanged', written: false };
      if (changed && config.write && !o.errors.length) {
        const w = replaceFileAtomically(l.file.abs, l.bytes, o.output);
        if (w.ok) result.written = true;
        else {
          result.errors.push({ message: w.message });
          result.status = 'error';
        }
      }
      return result;
    });

  // Phase 1: go.mod and go.work files, one at a time.
  const rewrittenModuleFiles = new Map<string, string>();
  for (const f of found.files.filter((f) => kindOf(f.abs) !== 'go')) {
    const l = load(f);
    if (!l.ok) {
      emit(l.result);
      continue;
    }
    const unit: UnitFile[] = [{ kind: kindOf(f.abs), path: f.path, source: l.text, goVersion: undefined, packageName: '' }];
    for (const r of process(unit, new Map([[f.path, l]]))) {
      if (r.status === 'changed') rewrittenModuleFiles.set(f.abs, r.output);
      emit(r);
    }
  }

  // Phase 2: Go packages, seeing the go.mod files as phase 1 left them (also in a dry run).
  const workspace = new Workspace((p) => rewrittenModuleFiles.get(p) ?? tryRead(p));
  const byDir = new Map<string, DiscoveredFile[]>();
  for (const f of found.files.filter((f) => kindOf(f.abs) === 'go')) {
    const dir = dirname(f.abs);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  const reportedModuleProblems = new Set<string>();
  const needPackageContext = config.codemods.some((c) => c.codemod.scope === 'package');

  for (const dir of [...byDir.keys()].sort()) {
    const results: FileResult[] = [];
    const loadedFiles = new Map<string, Loaded & { ok: true }>();
    const units = new Map<string, UnitFile[]>();
    const mod = workspace.moduleOf(dir);
    if (mod?.problem && !reportedModuleProblems.has(mod.gomod)) {
      reportedModuleProblems.add(mod.gomod);
      summary.problems.push({ path: `${displayPath(mod.gomod, config.cwd)}:${mod.problem.line}`, message: mod.problem.message });
    }
    for (const f of byDir.get(dir)!) {
      const l = load(f);
      if (!l.ok) {
        results.push(l.result);
        continue;
      }
      if (mod?.problem) {
        // Without a readable go directive, no codemod can know which Go it may write.
        results.push(errorResult(f.abs, f.path, `not processed: its go.mod is malformed (${displayPath(mod.gomod, config.cwd)}:${mod.problem.line}: ${mod.problem.message})`));
        continue;
      }
      const generated = isGenerated(l.text);
      if (generated && !config.includeGenerated) skip('generated');
      loadedFiles.set(f.path, l);
      const pkg = packageName(l.text);
      const unitKey = pkg || `\0${f.path}`; // a file without a package clause is its own unit
      const unit = units.get(unitKey) ?? [];
      unit.push({
        path: f.path,
        source: l.text,
        packageName: pkg,
        goVersion: workspace.fileGoVersion(f.abs, l.text, config.goVersion),
        contextOnly: generated && !config.includeGenerated ? 'generated' : undefined,
      });
      units.set(unitKey, unit);
    }
    // Package-scoped codemods see the whole package, including files the arguments left out.
    if (needPackageContext) addContextFiles(dir, config.cwd, new Set(byDir.get(dir)!.map((f) => f.abs)), units, workspace, config.goVersion);
    for (const unit of units.values()) results.push(...process(unit, loadedFiles));
    for (const r of sortByPath(results)) emit(r);
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}

function tryRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads the other .go files of a directory (same package) as read-only context. */
function addContextFiles(dir: string, cwd: string, listed: Set<string>, units: Map<string, UnitFile[]>, workspace: Workspace, goVersion: string | undefined) {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.go') && !n.startsWith('.') && !n.startsWith('_'));
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const abs = join(dir, name);
    if (listed.has(abs)) continue;
    let text: string;
    try {
      const decoded = decodeGoSource(readFileSync(abs));
      if (!decoded.ok) continue;
      text = decoded.text;
    } catch {
      continue;
    }
    const unit = units.get(packageName(text));
    if (!unit) continue;
    unit.push({
      path: displayPath(abs, cwd),
      source: text,
      packageName: packageName(text),
      goVersion: workspace.fileGoVersion(abs, text, goVersion),
      contextOnly: 'outside the paths given',
    });
  }
}
