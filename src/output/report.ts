/**
 * The review report: everything a run found and changed, as one plain object. It is the
 * `--format json` document (its schema: docs/json-schema.json, versioned by REPORT_VERSION),
 * `summary.json` of `--output-dir`, and what the other review formats render.
 *
 * Order is stable: codemods in `gocodemod list` order; files by path; a file's findings by
 * codemod (list order), then line and column; changes by their first edit.
 */
import { resolve } from 'node:path';
import type { FileResult, RunSummary } from '../run/runner.js';
import type { Problem } from '../engine/engine.js';
import { LineIndex } from '../go/position.js';
import { computeChanges, findingKey, type ChangeSet, type ReviewFile } from './changes.js';
import type { DiffPaths } from './diff-paths.js';

export const REPORT_VERSION = 1;

/** A codemod of the run, as the review formats describe it. */
export interface ReviewCodemod {
  name: string;
  description: string;
  /** A built-in's README (absolute path), when it exists. */
  readme?: string;
  /** A --codemod file (absolute path). */
  file?: string;
}

export type Mode = 'diff' | 'check' | 'write';

export interface RunRecord {
  mode: Mode;
  codemods: readonly ReviewCodemod[];
  /** Every processed file, in the runner's order. */
  results: readonly FileResult[];
  /** Paths left out, with their reason (runner's onSkipped). */
  skipped: readonly { path: string; reason: string }[];
  summary: RunSummary;
  paths: DiffPaths;
  /** The current directory, which `path`s and skipped paths are relative to. */
  cwd: string;
  toolVersion: string;
}

export interface Position {
  line: number;
  column: number;
}

export interface ReportFinding extends Position {
  codemod: string;
  message: string;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
  fixed: boolean;
  fix: { message: string; change: number } | null;
}

export interface ReportProblem {
  message: string;
  codemod?: string;
  line?: number;
  column?: number;
}

export interface ReportFile {
  path: string;
  diffPath: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'error';
  reason?: string;
  written?: boolean;
  /** Its write group (src/run/write-groups.ts), when it has two files or more: their paths, itself included. */
  group?: string[];
  findings: ReportFinding[];
  /** Findings that `//gocodemod:ignore` comments suppressed: not fixed, not reported as findings. */
  suppressed: ReportSuppressed[];
  errors: ReportProblem[];
  notes: ReportProblem[];
  skippedBy: { codemod: string; reason: string }[];
}

export interface ReportSuppressed extends Position {
  codemod: string;
  message: string;
  offset: number;
  endOffset: number;
  hadFix: boolean;
  /** The comment: its file (relative to the current directory), position, names and reason. */
  by: { path: string; line: number; column: number; names: string[]; reason: string };
}

export interface ReportEdit extends Position {
  path: string;
  diffPath: string;
  /** [start, end) in UTF-16 units of the file as read, replaced by `text`. */
  start: number;
  end: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export interface ReportChange {
  id: number;
  codemods: string[];
  findings: { path: string; index: number }[];
  edits: ReportEdit[];
}

export interface ReportCodemod {
  name: string;
  description: string;
  findings: number;
  fixed: number;
  filesChanged: number;
}

export interface Report {
  version: typeof REPORT_VERSION;
  tool: { name: 'gocodemod'; version: string };
  mode: Mode;
  /** Where `diffPath`s start: the git work tree's root, or the current directory. */
  pathBase: 'git-root' | 'cwd';
  codemods: ReportCodemod[];
  files: ReportFile[];
  changes: ReportChange[];
  problems: { path: string; message: string }[];
  summary: {
    scanned: number;
    changed: number;
    unchanged: number;
    errors: number;
    skipped: Record<string, number>;
    /** Findings suppressed by `//gocodemod:ignore`, per codemod. */
    suppressed: Record<string, number>;
    /** Write groups of two files or more. */
    writeGroups: number;
    interrupted: boolean;
  };
  /** `--output-dir` only: the patches written, see src/output/patches.ts. */
  patches?: ReportPatch[];
}

export interface ReportPatch {
  file: string;
  codemod: string;
  /** Diff paths of the files it changes. */
  files: string[];
  /** Earlier patches it needs: for lines they changed, or for the go.mod they change. */
  dependsOn: { patch: string; why: 'lines' | 'go.mod' }[];
  /** `git apply` takes it alone on the original tree. */
  appliesAlone: boolean;
}

/** A run's files and changes, prepared once for every review format. */
export interface Review {
  record: RunRecord;
  /** The processed files (not the skipped ones), sorted by path, findings sorted. */
  files: ReviewFile[];
  results: FileResult[];
  changes: ChangeSet;
}

export function prepareReview(record: RunRecord): Review {
  const order = new Map(record.codemods.map((c, i) => [c.name, i]));
  const rank = (name: string) => order.get(name) ?? Infinity;
  const results = [...record.results].sort((a, b) => compare(a.path, b.path));
  const files: ReviewFile[] = results.map((r) => ({
    path: r.path,
    diffPath: record.paths.of(r.abs, r.path),
    abs: r.abs,
    original: r.original,
    // A file in error keeps its text; so does an unchanged one (both texts are '' then).
    output: r.status === 'changed' ? r.output : r.original,
    findings: [...r.findings].sort((a, b) => rank(a.codemod) - rank(b.codemod) || a.line - b.line || a.column - b.column),
  }));
  return { record, files, results, changes: computeChanges(files, record.codemods.map((c) => c.name)) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const problem = (p: Problem): ReportProblem => ({ message: p.message, ...(p.codemod ? { codemod: p.codemod } : {}), ...(p.line ? { line: p.line } : {}), ...(p.column ? { column: p.column } : {}) });

export function buildReport(review: Review): Report {
  const { record, files, results, changes } = review;
  const reportFiles: ReportFile[] = files.map((f, fi) => {
    const r = results[fi];
    const out: ReportFile = {
      path: f.path,
      diffPath: f.diffPath,
      status: r.status,
      findings: f.findings.map((finding, index) => {
        const change = changes.changeOfFinding.get(findingKey({ file: fi, index }));
        return {
          codemod: finding.codemod,
          message: finding.message,
          line: finding.line,
          column: finding.column,
          endLine: finding.endLine,
          endColumn: finding.endColumn,
          offset: finding.offset,
          endOffset: finding.endOffset,
          fixed: finding.fixed && r.status === 'changed',
          fix: change !== undefined && finding.fix ? { message: finding.fix.message, change } : null,
        };
      }),
      suppressed: r.suppressed.map((x) => ({
        codemod: x.codemod,
        message: x.message,
        line: x.line,
        column: x.column,
        offset: x.offset,
        endOffset: x.endOffset,
        hadFix: x.hadFix,
        by: { path: x.by.path, line: x.by.line, column: x.by.column, names: [...x.by.names], reason: x.by.reason },
      })),
      errors: r.errors.map(problem),
      notes: r.notes.map(problem),
      skippedBy: r.skippedBy.map((s) => ({ codemod: s.codemod, reason: s.reason })),
    };
    if (r.group) out.group = [...r.group];
    if (record.mode === 'write') out.written = r.written;
    return out;
  });
  for (const s of record.skipped) {
    reportFiles.push({ path: s.path, diffPath: record.paths.of(resolve(record.cwd, s.path), s.path), status: 'skipped', reason: s.reason, findings: [], suppressed: [], errors: [], notes: [], skippedBy: [] });
  }
  reportFiles.sort((a, b) => compare(a.path, b.path));

  const lineIndexes = new Map<number, LineIndex>();
  const positionIn = (file: number, offset: number) => {
    let li = lineIndexes.get(file);
    if (!li) lineIndexes.set(file, (li = new LineIndex(files[file].original)));
    return li.position(offset);
  };
  const reportChanges: ReportChange[] = changes.changes.map((c) => ({
    id: c.id,
    codemods: c.codemods,
    findings: c.findings.map((f) => ({ path: files[f.file].path, index: f.index })),
    edits: c.regions.map((r) => {
      const a = positionIn(r.file, r.start);
      const b = positionIn(r.file, r.end);
      return { path: files[r.file].path, diffPath: files[r.file].diffPath, start: r.start, end: r.end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, text: r.text };
    }),
  }));

  return {
    version: REPORT_VERSION,
    tool: { name: 'gocodemod', version: record.toolVersion },
    mode: record.mode,
    pathBase: record.paths.fromGitRoot ? 'git-root' : 'cwd',
    codemods: codemodTotals(review),
    files: reportFiles,
    changes: reportChanges,
    problems: record.summary.problems.map((p) => ({ path: p.path, message: p.message })),
    summary: {
      scanned: record.summary.scanned,
      changed: record.summary.changed,
      unchanged: record.summary.unchanged,
      errors: record.summary.errorFiles,
      skipped: Object.fromEntries([...record.summary.skipped].sort(([a], [b]) => compare(a, b))),
      suppressed: Object.fromEntries([...record.summary.suppressedByCodemod].sort(([a], [b]) => compare(a, b))),
      writeGroups: record.summary.writeGroups,
      interrupted: record.summary.interrupted,
    },
  };
}

/** Per codemod: its findings, those fixed in files that change, and the files its changes touch. */
export function codemodTotals(review: Review): ReportCodemod[] {
  const touched = new Map<string, Set<number>>();
  for (const ch of review.changes.changes) {
    for (const name of ch.codemods) {
      let set = touched.get(name);
      if (!set) touched.set(name, (set = new Set()));
      for (const r of ch.regions) set.add(r.file);
    }
  }
  return review.record.codemods.map((c) => {
    let findings = 0;
    let fixed = 0;
    review.files.forEach((f, fi) => {
      for (const finding of f.findings) {
        if (finding.codemod !== c.name) continue;
        findings++;
        if (finding.fixed && review.results[fi].status === 'changed') fixed++;
      }
    });
    return { name: c.name, description: c.description, findings, fixed, filesChanged: touched.get(c.name)?.size ?? 0 };
  });
}
