/**
 * The runner: discovery, reading, grouping files into Go packages, the engine per package,
 * and writing. It is the only part of gocodemod that touches the file system. Every file
 * ends as changed, unchanged, skipped or error; one bad file never stops the run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeFsError, discover, type DiscoverOptions } from './discover.js';
import { runUnit, type FileOutcome, type LoadedCodemod, type UnitFile } from './engine.js';
import { isGenerated, packageName } from './go-header.js';
import { loadGofmt } from './gofmt.js';
import { loadGoParser } from './parser.js';
import { decodeGoSource } from './read-source.js';
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
  /** Called once per processed file, in a deterministic order (directory, then file name). */
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
  pendingFindings: number;
  elapsedMs: number;
}

export async function run(config: RunConfig): Promise<RunSummary> {
  const started = performance.now();
  const parser = await loadGoParser();
  const gofmt = await loadGofmt();
  const workspace = new Workspace();
  const found = discover(config.paths, config);
  const summary: RunSummary = {
    scanned: 0,
    changed: 0,
    unchanged: 0,
    errorFiles: 0,
    skipped: new Map(),
    changesByCodemod: new Map(),
    problems: found.errors.map((e) => ({ path: e.path, message: e.message })),
    pendingFindings: 0,
    elapsedMs: 0,
  };
  const skip = (reason: string, n = 1) => summary.skipped.set(reason, (summary.skipped.get(reason) ?? 0) + n);
  for (const s of found.skipped) skip(s.reason);

  // Files are grouped by directory: a Go package never spans directories.
  const byDir = new Map<string, typeof found.files>();
  for (const f of found.files) {
    const dir = dirname(f.abs);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  const reportedModuleProblems = new Set<string>();

  for (const dir of [...byDir.keys()].sort()) {
    const listed = byDir.get(dir)!;
    const results: FileResult[] = [];
    const bytesOf = new Map<string, Buffer>();
    const units = new Map<string, UnitFile[]>();
    const absOf = new Map<string, string>();
    const listedPaths = new Set(listed.map((f) => f.abs));

    const errorResult = (abs: string, path: string, message: string, line?: number): FileResult => ({
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
    });

    for (const f of listed) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(f.abs);
      } catch (e) {
        results.push(errorResult(f.abs, f.path, `cannot read: ${describeFsError(e)}`));
        continue;
      }
      const decoded = decodeGoSource(bytes);
      if (!decoded.ok) {
        results.push(errorResult(f.abs, f.path, decoded.problem, decoded.line));
        continue;
      }
      const mod = workspace.moduleOf(dir);
      if (mod?.problem) {
        if (!reportedModuleProblems.has(mod.gomod)) {
          reportedModuleProblems.add(mod.gomod);
          summary.problems.push({ path: mod.gomod, message: mod.problem });
        }
        results.push(errorResult(f.abs, f.path, `its module's go.mod is malformed (${mod.problem})`));
        continue;
      }
      const source = decoded.text;
      const generated = isGenerated(source);
      if (generated && !config.includeGenerated) skip('generated');
      bytesOf.set(f.path, bytes);
      absOf.set(f.path, f.abs);
      const pkg = packageName(source);
      const unitKey = pkg || `\0${f.path}`; // a file without a package clause is its own unit
      const unit = units.get(unitKey) ?? [];
      unit.push({
        path: f.path,
        source,
        packageName: pkg,
        goVersion: workspace.fileGoVersion(f.abs, source, config.goVersion),
        contextOnly: generated && !config.includeGenerated ? 'generated' : undefined,
      });
      units.set(unitKey, unit);
    }

    // Package-scoped codemods see the whole package, including files the arguments left out.
    if (config.codemods.some((c) => c.codemod.scope === 'package')) addContextFiles(dir, listedPaths, units, workspace, config.goVersion);

    for (const unit of units.values()) {
      const outcomes = runUnit(parser, config.codemods, unit, { maxRounds: config.maxRounds, gofmt });
      for (const o of outcomes) {
        const abs = absOf.get(o.path)!;
        const changed = o.output !== o.original;
        const result: FileResult = { ...o, abs, status: o.errors.length ? 'error' : changed ? 'changed' : 'unchanged', written: false };
        if (changed && config.write) {
          const w = replaceFileAtomically(abs, bytesOf.get(o.path)!, o.output);
          if (w.ok) result.written = true;
          else {
            result.errors.push({ message: w.message });
            result.status = 'error';
          }
        }
        results.push(result);
      }
    }

    results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const r of results) {
      summary.scanned++;
      if (r.errors.length) summary.errorFiles++;
      if (r.status === 'changed') summary.changed++;
      else if (r.status === 'unchanged') summary.unchanged++;
      for (const s of r.skippedBy) skip(`${s.codemod}: go version too old`);
      if (r.output !== r.original) for (const [c, n] of r.changes) summary.changesByCodemod.set(c, (summary.changesByCodemod.get(c) ?? 0) + n);
      summary.pendingFindings += r.findings.filter((f) => f.fixed).length;
      config.onResult?.(r);
    }
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}

/** Reads the other .go files of a directory (same package) as read-only context. */
function addContextFiles(dir: string, listed: Set<string>, units: Map<string, UnitFile[]>, workspace: Workspace, goVersion: string | undefined) {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.go') && !n.startsWith('.') && !n.startsWith('_'));
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const abs = `${dir}/${name}`;
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
    unit.push({ path: abs, source: text, packageName: packageName(text), goVersion: workspace.fileGoVersion(abs, text, goVersion), contextOnly: 'outside the paths given' });
  }
}
