/**
 * One update of the playground: the rule pane compiled (src/playground/selection.ts), the
 * files run through the engine as the CLI runs a directory (src/playground/run-files.ts),
 * and the dry run's diff, as `gocodemod run` prints it. Pure; the page renders the result.
 */
import type { Codemod } from '../go/codemod.js';
import type { FileOutcome } from '../engine/types.js';
import { unifiedDiff } from '../output/unified-diff.js';
import { runFiles, type FilesRun, type Platform, type PlaygroundFile } from './run-files.js';
import { compileSelection, type SelectionProblem } from './selection.js';
import type { PlaygroundState } from './state.js';

export interface Evaluation {
  /** The rule pane does not compile: nothing ran. */
  problem?: SelectionProblem;
  run?: FilesRun;
  /** Findings are matches (a query, a pattern without a replacement): nothing rewrites. */
  listOnly: boolean;
  /** The dry run's diff, every changed file in path order (empty: no change). */
  diff: string;
  /** What each file becomes (its text where nothing changed or the file was left out). */
  outputs: Map<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function evaluate(state: PlaygroundState, platform: Platform, builtins: readonly Codemod<any>[]): Evaluation {
  const outputs = new Map(state.files.map((f) => [f.path, f.text]));
  const selection = compileSelection(state, platform.parser, builtins);
  if (!selection.ok) return { problem: selection.problem, listOnly: false, diff: '', outputs };
  const run = runFiles(state.files, selection.codemods, { goVersion: state.goVersion || undefined }, platform);
  const diffs: string[] = [];
  for (const f of [...state.files].sort(byPath)) {
    const o = run.outcomes.get(f.path);
    if (!o || o.output === o.original) continue;
    outputs.set(f.path, o.output);
    diffs.push(unifiedDiff(f.path, o.original, o.output));
  }
  return { run, listOnly: selection.listOnly, diff: diffs.join(''), outputs };
}

const byPath = (a: PlaygroundFile, b: PlaygroundFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** A line of the findings pane: a finding, or an engine note or error, with where it is. */
export interface ReportLine {
  path: string;
  line: number;
  column: number;
  /** UTF-16 range in the file, for findings (to select in the editor). */
  from?: number;
  to?: number;
  kind: 'finding' | 'fixed' | 'note' | 'error' | 'problem';
  codemod?: string;
  message: string;
}

/** Everything the run says about the files, in path and position order. */
export function reportLines(e: Evaluation): ReportLine[] {
  const out: ReportLine[] = [];
  if (!e.run) return out;
  for (const [path, o] of e.run.outcomes) out.push(...outcomeLines(path, o));
  for (const p of e.run.problems) out.push({ path: p.path, line: p.line, column: 1, kind: 'problem', message: p.message });
  for (const [path, reason] of e.run.skipped) out.push({ path, line: 1, column: 1, kind: 'note', message: skippedText(reason) });
  const order = { problem: 0, error: 1, note: 2, fixed: 3, finding: 3 } as const;
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || order[a.kind] - order[b.kind] || a.line - b.line || a.column - b.column);
}

function outcomeLines(path: string, o: FileOutcome): ReportLine[] {
  const out: ReportLine[] = [];
  for (const f of o.findings) {
    out.push({ path, line: f.line, column: f.column, from: f.offset, to: f.endOffset, kind: f.fixed ? 'fixed' : 'finding', codemod: f.codemod, message: f.message });
  }
  for (const n of o.notes) out.push({ path, line: n.line ?? 1, column: n.column ?? 1, kind: 'note', codemod: n.codemod, message: n.message });
  for (const x of o.errors) out.push({ path, line: x.line ?? 1, column: x.column ?? 1, kind: 'error', codemod: x.codemod, message: x.message });
  for (const s of o.skippedBy) out.push({ path, line: 1, column: 1, kind: 'note', codemod: s.codemod, message: `not run on this file: ${s.reason}` });
  return out;
}

/** Why a file was left out, as a user reads it. */
function skippedText(reason: string): string {
  switch (reason) {
    case 'generated':
      return 'generated (// Code generated ... DO NOT EDIT.): read as context, never edited';
    case 'hidden':
      return 'not processed: names starting with . or _ are not part of any package';
    case 'vendor':
    case 'testdata':
      return `not processed: the walk of a folder leaves ${reason}/ out (as the go command does)`;
    default:
      return `not processed: ${reason}`;
  }
}
