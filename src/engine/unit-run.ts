/**
 * The engine for one unit of work (a Go package): runs codemods, merges their fixes,
 * refuses what would damage a file, applies the rest, and repeats until nothing changes.
 * Pure: text in, text and findings out. The runner does all file-system work, and whatever
 * depends on the platform comes in as a value: the parser, gofmt, the codemod guard. No
 * module this one imports imports Node's (or a browser's) own modules, so the playground
 * page runs this same code (test/playground-bundle.test.ts checks it); Node's entry is
 * src/engine/engine.ts.
 */
import type { Tree } from 'web-tree-sitter';
import { mergeFixes, validateFixEdits, type PendingFix } from './edits.js';
import { applyEdits, OffsetMap } from '../go/edits.js';
import type { Gofmt } from './gofmt-wasm.js';
import type { GoParser } from '../go/parser-from-bytes.js';
import { LineIndex } from '../go/position.js';
import { compileQuery } from './query-pass.js';
import { errorRegions, touchesRegion } from './syntax-errors.js';
import { changedTypeForm } from './decl-forms.js';
import type { Codemod, Context, Edit, SourceFile } from '../go/codemod.js';
import { callCodemod, crashOf, type CodemodGuard } from './codemod-call.js';
import { checkReport, type CheckedReport } from './report-check.js';
import { meetsMinGo, tooOldReason } from '../go/goversion.js';
import type { CodemodCrash } from './crash.js';
import { FileSuppressions, SUPPRESSION_FINDING, type SuppressionProblem, type SuppressionRef } from './suppressions.js';
import { currentGoVersion, isGo, offsetInOriginal, positionInOriginal, topLevelOf, type FileState } from './file-state.js';
import { RoundTrees } from './round-trees.js';
import { parseEdited } from './edited-parse.js';
import type { EngineOptions, FileOutcome, Finding, FixSpan, LoadedCodemod, Problem, SuppressedFinding, UnitFile } from './types.js';

interface Candidate {
  fix: PendingFix;
  codemod: string;
  file: string;
  start: number;
  end: number;
  message: string;
}

/** The fixes a round applies, and what they make of each file they touch. */
interface Applied {
  accepted: PendingFix[];
  results: Map<string, string>;
  editsByFile: Map<string, Edit[]>;
}

/** One codemod's run on one unit, as its reports are taken: the unit's files and how to fail them. */
interface UnitCall {
  codemod: AnyCodemod;
  byPath: Map<string, SourceFile>;
  fail(message: string, only?: string[], crash?: CodemodCrash): void;
}

type FindingRange = Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn' | 'offset' | 'endOffset'>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

export const DEFAULT_MAX_ROUNDS = 5;

/** Runs the codemods on one unit of files; `guard` is the platform's (src/engine/codemod-call.ts). */
export function runUnitWith(guard: CodemodGuard, parser: GoParser, codemods: readonly LoadedCodemod[], files: readonly UnitFile[], opts: EngineOptions = {}): FileOutcome[] {
  return new UnitRun(guard, parser, codemods, files, opts).run();
}

/** One unit's run: its files' states through the rounds, and the findings seen so far. */
class UnitRun {
  private readonly maxRounds: number;
  private readonly states = new Map<string, FileState>();
  private readonly seenFindings = new Map<string, Finding>();
  private readonly seenNotes = new Set<string>();
  private readonly seenSuppressed = new Set<string>();
  private nextFixId = 0;

  constructor(
    private readonly guard: CodemodGuard,
    private readonly parser: GoParser,
    private readonly codemods: readonly LoadedCodemod[],
    files: readonly UnitFile[],
    private readonly opts: EngineOptions,
  ) {
    this.maxRounds = opts.maxRounds ?? DEFAULT_MAX_ROUNDS;
    for (const file of files) {
      this.states.set(file.path, {
        file,
        text: file.source,
        rounds: [],
        failed: false,
        frozen: false,
        linked: new Set(),
        outcome: { path: file.path, original: file.source, output: file.source, findings: [], errors: [], notes: [], skippedBy: [], changes: new Map(), suppressed: [] },
        suppressions: FileSuppressions.scan(file.source, file.kind ?? 'go'),
      });
    }
  }

  run(): FileOutcome[] {
    for (let round = 0; round < this.maxRounds; round++) if (!this.round(round)) break;
    return this.finish();
  }

  /** One round: every codemod on every unit of files, then the fixes merged, checked and applied. False: nothing changed. */
  private round(round: number): boolean {
    const trees = new RoundTrees(this.parser, this.states, this.codemods, () => this.planQueries());
    try {
      const candidates: Candidate[] = [];
      for (const [index, loaded] of this.codemods.entries()) this.runCodemod(index, loaded, round, trees, candidates);
      const applied = this.applyFixes(this.merge(candidates, round), trees);
      this.recordCandidates(candidates, applied, round);
      if (applied.accepted.length === 0) return false;
      this.commit(applied, round);
      return true;
    } finally {
      trees.delete();
    }
  }

  private editableFor(codemod: AnyCodemod, st: FileState): boolean {
    return !st.file.contextOnly && !st.failed && !st.frozen && meetsMinGo(currentGoVersion(st), codemod.minGo);
  }

  private liveFor(codemod: AnyCodemod): FileState[] {
    const kinds = codemod.fileKinds ?? ['go'];
    return [...this.states.values()].filter((st) => !st.failed && kinds.includes(st.file.kind ?? 'go'));
  }

  /** The runs of a codemod in this round: one per file, or one per package (scope 'package'). */
  private unitsOf(codemod: AnyCodemod, live: FileState[]): FileState[][] {
    const hasNeedle = (st: FileState) => !codemod.needles?.length || codemod.needles.some((n) => st.text.includes(n));
    if (codemod.scope === 'package') return live.some((st) => this.editableFor(codemod, st) && hasNeedle(st)) ? [live] : [];
    return live.filter((st) => this.editableFor(codemod, st) && hasNeedle(st)).map((st) => [st]);
  }

  /** For each file, the codemods whose declared queries its one pass runs this round, in codemod order. */
  private planQueries(): Map<string, number[]> {
    const plan = new Map<string, number[]>();
    this.codemods.forEach(({ codemod }, i) => {
      if (codemod.query === undefined || !compileQuery(this.parser, codemod.query).ok) return;
      for (const unit of this.unitsOf(codemod, this.liveFor(codemod))) {
        for (const st of unit) {
          const users = plan.get(st.file.path);
          if (users) users.push(i);
          else plan.set(st.file.path, [i]);
        }
      }
    });
    return plan;
  }

  private runCodemod(index: number, loaded: LoadedCodemod, round: number, trees: RoundTrees, candidates: Candidate[]) {
    const { codemod } = loaded;
    const live = this.liveFor(codemod);
    if (round === 0) {
      for (const st of live) {
        const reason = st.file.contextOnly ? undefined : tooOldReason(st.file.goVersion, codemod.minGo);
        if (reason) st.outcome.skippedBy.push({ codemod: codemod.name, reason });
      }
    }
    for (const unit of this.unitsOf(codemod, live)) this.runOnUnit(index, loaded, unit, round, trees, candidates);
  }

  /** The codemod's `run` on one unit, its reports checked and turned into candidate fixes or findings. */
  private runOnUnit(index: number, { codemod, options }: LoadedCodemod, unit: FileState[], round: number, trees: RoundTrees, candidates: Candidate[]) {
    const editable = (st: FileState) => this.editableFor(codemod, st);
    const sourceFiles = unit.map((st) => makeSourceFile(st, editable(st), () => trees.treeOf(st.file.path)));
    const byPath = new Map(sourceFiles.map((sf) => [sf.path, sf]));
    const reports: CheckedReport[] = [];
    let badReport: string | undefined;
    let returned = false;
    const ctx: Context = {
      codemod: codemod.name,
      options: { ...(codemod.defaultOptions ?? {}), ...options },
      file: sourceFiles.find((sf) => sf.editable) ?? sourceFiles[0],
      files: sourceFiles,
      query: (src) => this.parser.query(src),
      matches: (f = ctx.file) => {
        if (codemod.query === undefined) throw new Error('ctx.matches: the codemod declares no query');
        if (!byPath.has(f?.path)) throw new Error(`ctx.matches: ${f?.path} is not one of ctx.files`);
        return trees.matchesOf(index, f.path);
      },
      report: (r) => {
        if (returned) throw new Error(`ctx.report: called after codemod ${codemod.name} returned from run`);
        const checked = checkReport(r);
        if (checked.ok) reports.push(checked.report);
        else badReport ??= checked.message;
      },
    };
    const call: UnitCall = {
      codemod,
      byPath,
      fail: (message, only, crash) => {
        for (const st of unit) {
          if (!editable(st) || (only && !only.includes(st.file.path))) continue;
          st.failed = true;
          st.outcome.errors.push(crash ? { codemod: codemod.name, message, crash } : { codemod: codemod.name, message });
        }
      },
    };
    // go.mod and go.work units have no Go grammar: queries concern their Go files only.
    const compiled = codemod.query === undefined || !unit.some(isGo) ? undefined : compileQuery(this.parser, codemod.query);
    if (compiled && !compiled.ok) {
      call.fail(`codemod ${codemod.name} has a query that does not compile: ${compiled.error}`);
      return;
    }
    const result = callCodemod(this.guard, codemod.name, () => codemod.run(ctx));
    returned = true;
    if (!result.ok || badReport) {
      if (!result.ok) call.fail(result.message, undefined, result.threw ? crashOf(this.guard, result.thrown) : undefined);
      else call.fail(`codemod ${codemod.name} reported an invalid diagnostic: ${badReport}`);
      return;
    }
    for (const r of reports) if (!this.takeReport(call, r, r.file ?? ctx.file.path, round, trees, candidates)) break;
  }

  /**
   * One report: its fix checked (edits in range, in the run, not overlapping), suppressed,
   * refused (read-only file, syntax error) or kept as a candidate; a report without a fix is
   * a finding. False when the report was about a file outside the run (the unit fails).
   */
  private takeReport(call: UnitCall, r: CheckedReport, path: string, round: number, trees: RoundTrees, candidates: Candidate[]): boolean {
    const { codemod, byPath, fail } = call;
    const sf = byPath.get(path);
    if (!sf) {
      fail(`codemod ${codemod.name} reported on ${path}, which is not part of this run`);
      return false;
    }
    if (!sf.editable) return true; // context files get no findings
    const st = this.states.get(path)!;
    if (r.end > st.text.length) {
      fail(`codemod ${codemod.name} reported an invalid diagnostic: [${r.start}, ${r.end}) is out of range (${path} has length ${st.text.length})`, [path]);
      return true;
    }
    const fix = r.fixes[0];
    const edits = fix ? fix.edits.map((e) => ({ ...e, file: e.file ?? path })) : [];
    const touched = [...new Set(edits.map((e) => e.file))];
    if (fix) {
      const bad = this.invalidEdits(edits, touched, byPath);
      if (bad) {
        fail(`codemod ${codemod.name} returned an invalid fix: ${bad}`, touched.filter((f) => this.states.has(f)).concat(path));
        return true;
      }
    }
    const where = positionInOriginal(st, r.start, round);
    const suppression = this.suppressionOf(codemod.name, st, where.line, edits, round);
    if (suppression) {
      const { offset, endOffset } = this.rangeInOriginal(st, r.start, r.end, round);
      this.recordSuppressed(st, { codemod: codemod.name, message: r.message, ...where, offset, endOffset, hadFix: Boolean(fix), by: suppression });
      return true;
    }
    let pending: PendingFix | undefined;
    if (fix) {
      const readOnly = touched.find((f) => !byPath.get(f)!.editable);
      const nearError = touched
        .map((f) => edits.filter((e) => e.file === f).map((e) => touchesRegion(e.start, e.end, trees.regionsOf(f))).find(Boolean))
        .find(Boolean);
      if (readOnly) {
        this.addNote(st, { codemod: codemod.name, ...where, message: `fix not applied: it edits ${readOnly}, which is ${byPath.get(readOnly)!.skipReason ?? 'read-only'}` });
      } else if (nearError) {
        this.addNote(st, { codemod: codemod.name, ...where, message: `fix not applied: it edits a region with a syntax error (line ${nearError.line})` });
      } else {
        pending = { codemod: codemod.name, message: fix.message, edits, id: this.nextFixId++ };
      }
    }
    if (pending) candidates.push({ fix: pending, codemod: codemod.name, file: path, start: r.start, end: r.end, message: r.message });
    else this.recordFinding(st, codemod.name, r.message, this.rangeInOriginal(st, r.start, r.end, round), false);
    return true;
  }

  /** What is wrong with a fix's edits, per file they touch: a file outside the run, or edits out of range or overlapping. */
  private invalidEdits(edits: Edit[], touched: string[], byPath: Map<string, SourceFile>): string | undefined {
    for (const f of touched) {
      const target = this.states.get(f);
      if (!target || !byPath.has(f)) return `an edit targets ${f}, which is not part of this run`;
      const problem = validateFixEdits(
        edits.filter((e) => e.file === f),
        target.text,
      );
      if (problem) return `${f}: ${problem}`;
    }
    return undefined;
  }

  /** The candidates merged, fixes of failed files dropped: overlapping fixes wait for a later round (a note). */
  private merge(candidates: Candidate[], round: number): PendingFix[] {
    // Fixes touching a file a codemod failed on are dropped with it: a file is all or nothing.
    const alive = (c: Candidate) => c.fix.edits.every((e) => !this.states.get(e.file!)!.failed);
    const merged = mergeFixes(candidates.filter(alive).map((c) => c.fix));
    const candidateOf = new Map(candidates.map((c) => [c.fix, c]));
    for (const conflict of merged.conflicts) {
      const c = candidateOf.get(conflict.fix)!;
      const st = this.states.get(c.file)!;
      this.addNote(st, {
        codemod: c.codemod,
        ...positionInOriginal(st, c.start, round),
        message: `conflict: this fix of ${c.codemod} overlaps a fix of ${conflict.with}; it was not applied in this round${round + 1 < this.maxRounds ? ' and is retried on the result' : ''}`,
      });
    }
    return merged.accepted;
  }

  /**
   * Applies the accepted fixes; a file whose result parses worse than its input, or in which a
   * type declaration changed form, is refused whole, with every fix that touches it (even on
   * other files, since a fix is atomic). Repeats until what is left applies.
   */
  private applyFixes(accepted: PendingFix[], trees: RoundTrees): Applied {
    for (;;) {
      const results = new Map<string, string>();
      const editsByFile = new Map<string, Edit[]>();
      const seen = new Set<string>();
      for (const fix of accepted) {
        for (const e of fix.edits) {
          // Two fixes may share an identical edit (merging allows it): apply it once.
          const key = editKey(e);
          if (seen.has(key)) continue;
          seen.add(key);
          let list = editsByFile.get(e.file!);
          if (!list) editsByFile.set(e.file!, (list = []));
          list.push(e);
        }
      }
      let refused: string | undefined;
      for (const [path, edits] of editsByFile) {
        const st = this.states.get(path)!;
        const out = applyEdits(st.text, edits);
        if (!isGo(st)) {
          results.set(path, out);
          continue;
        }
        const after = parseEdited(this.parser, st.text, trees.treeOf(path), edits, out);
        const newErrors = errorRegions(after, out).length - trees.regionsOf(path).length;
        const reform = newErrors > 0 ? undefined : changedTypeForm(trees.treeOf(path), st.text, after, edits);
        after.delete();
        if (newErrors > 0 || reform) {
          refused = path;
          st.frozen = true;
          const why = reform ?? `the result would have ${newErrors} more syntax error(s) than the input`;
          st.outcome.errors.push({
            message: `edits refused: ${why} (codemods: ${[...new Set(accepted.filter((f) => f.edits.some((e) => e.file === path)).map((f) => f.codemod))].join(', ')})`,
          });
          break;
        }
        results.set(path, out);
      }
      if (!refused) return { accepted, results, editsByFile };
      accepted = accepted.filter((f) => !f.edits.some((e) => e.file === refused));
    }
  }

  /** Every candidate becomes a finding, fixed when its fix (or identical edits of others) landed. */
  private recordCandidates(candidates: Candidate[], { accepted, editsByFile }: Applied, round: number) {
    const acceptedSet = new Set(accepted);
    // A fix whose edits all landed through identical edits of accepted fixes is applied too.
    const landed = new Set([...editsByFile.values()].flat().map(editKey));
    for (const c of candidates) {
      const st = this.states.get(c.file)!;
      const applied = acceptedSet.has(c.fix) || (c.fix.edits.length > 0 && c.fix.edits.every((e) => landed.has(editKey(e))));
      const fix = applied ? { message: c.fix.message, spans: c.fix.edits.map((e) => this.spanInOriginal(e, round)) } : undefined;
      this.recordFinding(st, c.codemod, c.message, this.rangeInOriginal(st, c.start, c.end, round), applied, fix);
      if (applied) st.outcome.changes.set(c.codemod, (st.outcome.changes.get(c.codemod) ?? 0) + 1);
    }
  }

  /** The round's results become the files' texts; files joined by a fix are linked to the end. */
  private commit({ accepted, results, editsByFile }: Applied, round: number) {
    // Files joined by a fix stand or fall together, to the end (see finish).
    for (const fix of accepted) {
      const files = [...new Set(fix.edits.map((e) => e.file!))];
      if (files.length < 2) continue;
      for (const f of files) for (const g of files) if (f !== g) this.states.get(f)!.linked.add(g);
    }
    for (const st of this.states.values()) {
      const out = results.get(st.file.path);
      st.rounds.push(new OffsetMap(out === undefined ? [] : (editsByFile.get(st.file.path) ?? [])));
      if (out !== undefined) st.text = out;
    }
    if (round + 1 === this.maxRounds) {
      for (const st of this.states.values()) {
        if (results.has(st.file.path)) this.addNote(st, { message: `still changing after ${this.maxRounds} rounds: run again to apply the rest` });
      }
    }
  }

  /** gofmt and suppression checks, then all-or-nothing per file and per fix; the outcomes. */
  private finish(): FileOutcome[] {
    const { states, opts } = this;
    for (const st of states.values()) {
      if (!st.file.contextOnly && !st.failed && st.text !== st.file.source && opts.gofmt && isGo(st)) formatResult(st, opts.gofmt);
    }
    // A codemod too new for a file as read may have run on it after all: in a later round, once
    // another codemod changed the //go:build line that held the file back. Then it was not skipped.
    for (const st of states.values()) {
      if (st.text === st.file.source || !st.outcome.skippedBy.length) continue;
      const minGo = new Map(this.codemods.map((c) => [c.codemod.name, c.codemod.minGo]));
      st.outcome.skippedBy = st.outcome.skippedBy.filter((s) => !meetsMinGo(currentGoVersion(st), minGo.get(s.codemod)));
    }
    for (const st of states.values()) if (!st.file.contextOnly) reportSuppressionProblems(st, this.codemods, opts);
    // A file with any error is left exactly as it was (all or nothing), even when an earlier
    // round's edits were fine: what the dry run shows must be what --write writes. And it takes
    // back every file a fix joined it with: a fix is atomic, and half of one (a use inlined,
    // its declaration kept, or the reverse) would not compile.
    for (const st of states.values()) if (st.outcome.errors.length) st.failed = true;
    const queue = [...states.values()].filter((st) => st.failed);
    while (queue.length) {
      const bad = queue.pop()!;
      for (const path of bad.linked) {
        const st = states.get(path)!;
        if (st.failed || st.text === st.file.source) continue;
        st.failed = true;
        st.outcome.errors.push({ message: `edits refused: a fix that changed this file also changed ${bad.file.path}, which was refused` });
        queue.push(st);
      }
    }
    const out: FileOutcome[] = [];
    const kept = (st: FileState) => !st.failed && st.text !== st.file.source;
    for (const st of states.values()) {
      if (st.file.contextOnly) continue;
      st.outcome.output = st.failed ? st.file.source : st.text;
      if (st.failed) st.outcome.changes.clear();
      const joined = kept(st) ? [...st.linked].filter((p) => kept(states.get(p)!)).sort() : [];
      if (joined.length) st.outcome.joined = joined;
      out.push(st.outcome);
    }
    return out;
  }

  /** A report's range in the file as read: offsets and go vet positions of both ends. */
  private rangeInOriginal(st: FileState, start: number, end: number, round: number): FindingRange {
    const offset = offsetInOriginal(st, start, round);
    const endOffset = Math.max(offset, offsetInOriginal(st, end, round));
    st.lines ??= new LineIndex(st.file.source);
    const a = st.lines.position(offset);
    const b = st.lines.position(endOffset);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, offset, endOffset };
  }

  /**
   * The suppression a report falls under, if any: one covering its own line, or a line that
   * an edit of its fix touches (in whichever file of the unit). Lines are the files' as read.
   */
  private suppressionOf(codemod: string, st: FileState, line: number, edits: readonly Edit[], round: number): SuppressionRef | undefined {
    if (!st.suppressions && edits.every((e) => !this.states.get(e.file!)!.suppressions)) return undefined; // most reports
    const spans = new Map<FileState, [number, number][]>([[st, [[line, line]]]]);
    for (const e of edits) {
      const target = this.states.get(e.file!)!;
      if (!target.suppressions) continue;
      const first = positionInOriginal(target, e.start, round).line;
      const last = positionInOriginal(target, Math.max(e.start, e.end - 1), round).line;
      spans.set(target, [...(spans.get(target) ?? []), [first, last]]);
    }
    for (const [target, lines] of spans) {
      const hit = target.suppressions?.covering(codemod, lines, () => this.parser.parse(target.file.source));
      if (hit) return { ...hit, path: target.file.path };
    }
    return undefined;
  }

  /** Notes recur when later rounds meet the same refusal: keep one of each. */
  private addNote(st: FileState, note: Problem) {
    const key = `${st.file.path}\0${note.codemod}\0${note.line}:${note.column}\0${note.message}`;
    if (this.seenNotes.has(key)) return;
    this.seenNotes.add(key);
    st.outcome.notes.push(note);
  }

  private spanInOriginal(e: Edit, round: number): FixSpan {
    const st = this.states.get(e.file!)!;
    const start = offsetInOriginal(st, e.start, round);
    return { path: e.file!, start, end: Math.max(start, offsetInOriginal(st, e.end, round)) };
  }

  private recordSuppressed(st: FileState, s: SuppressedFinding) {
    // Suppressed findings come back in every round, as unfixed ones do.
    const key = `${st.file.path}\0${s.codemod}\0${s.line}:${s.column}\0${s.message}`;
    if (this.seenSuppressed.has(key)) return;
    this.seenSuppressed.add(key);
    st.outcome.suppressed.push(s);
  }

  private recordFinding(st: FileState, codemod: string, message: string, pos: FindingRange, fixed: boolean, fix?: Finding['fix']) {
    // The same finding comes back in later rounds (unfixed ones, or a conflict that lands later).
    const key = `${st.file.path}\0${codemod}\0${pos.line}:${pos.column}\0${message}`;
    const known = this.seenFindings.get(key);
    if (known) {
      if (fixed && !known.fixed) {
        known.fixed = true;
        if (fix) known.fix = fix;
      }
      return;
    }
    const finding: Finding = { codemod, message, ...pos, fixed };
    if (fix) finding.fix = fix;
    this.seenFindings.set(key, finding);
    st.outcome.findings.push(finding);
  }
}

const editKey = (e: Edit) => `${e.file}\0${e.start}\0${e.end}\0${e.text}`;

/**
 * Malformed suppression comments, and (when asked) those that suppressed nothing, as findings
 * of SUPPRESSION_FINDING. A name is judged unused only when its codemod ran on the file: a
 * codemod not selected, or skipped for the file's Go version, says nothing about it.
 */
function reportSuppressionProblems(st: FileState, codemods: readonly LoadedCodemod[], opts: EngineOptions) {
  const sup = st.suppressions;
  if (!sup) return;
  const kind = st.file.kind ?? 'go';
  const ran = (name: string) =>
    codemods.some((c) => c.codemod.name === name && (c.codemod.fileKinds ?? ['go']).includes(kind)) && !st.outcome.skippedBy.some((s) => s.codemod === name);
  const problems: SuppressionProblem[] = [...sup.malformed()];
  // A file a codemod failed on lost that codemod's findings: nothing can be judged unused there.
  if (opts.reportUnusedSuppressions && !st.outcome.errors.length) problems.push(...sup.unused(ran));
  for (const p of problems) st.outcome.findings.push({ codemod: SUPPRESSION_FINDING, message: p.message, line: p.line, column: p.column, endLine: p.line, endColumn: p.endColumn, offset: p.offset, endOffset: p.endOffset, fixed: false });
}

/**
 * The last check on a changed file, by Go's own parser and printer: a result that gofmt
 * cannot parse, from an input it could, is refused; a gofmt-clean input gets a gofmt-clean
 * output. Inputs gofmt cannot parse keep the tree-sitter checks alone.
 */
function formatResult(st: FileState, gofmt: Gofmt) {
  const after = gofmt.format(st.text);
  // A result gofmt leaves as it is stays as it is, whatever the input was: the input is
  // formatted only when that is not so (formatting is a fifth of a mass rewrite's time).
  if (after.ok && after.text === st.text) return;
  const before = gofmt.format(st.file.source);
  if (!before.ok) return;
  if (!after.ok) {
    st.failed = true;
    st.outcome.errors.push({ message: `edits refused: Go's parser rejects the result (${after.error})` });
    return;
  }
  if (before.text === st.file.source) st.text = after.text;
}

function makeSourceFile(st: FileState, editable: boolean, tree: () => Tree): SourceFile {
  const skipReason = st.file.contextOnly ?? (editable ? undefined : 'not editable by this codemod');
  return {
    kind: st.file.kind ?? 'go',
    path: st.file.path,
    source: st.text,
    packageName: st.file.packageName,
    importPath: st.file.importPath,
    modulePath: st.file.modulePath,
    goVersion: currentGoVersion(st),
    moduleGoVersion: st.file.moduleGoVersion,
    editable,
    skipReason,
    get tree() {
      return tree();
    },
    get topLevel() {
      return topLevelOf(st);
    },
  };
}
