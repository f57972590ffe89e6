/**
 * The engine for one unit of work (a Go package): runs codemods, merges their fixes,
 * refuses what would damage a file, applies the rest, and repeats until nothing changes.
 * Pure: text in, text and findings out. The runner does all file-system work.
 */
import type { QueryMatch, Tree } from 'web-tree-sitter';
import { mergeFixes, validateFixEdits, type PendingFix } from './edits.js';
import { applyEdits, OffsetMap } from '../go/edits.js';
import type { Gofmt } from './gofmt.js';
import { topLevelDecls, type TopLevel } from '../go/toplevel.js';
import { needleRanges } from './needle-ranges.js';
import { queryNeedles, type QueryNeedles } from './query-needles.js';
import type { GoParser } from '../go/parser.js';
import { LineIndex } from '../go/position.js';
import { compileQuery, matchesPerQuery } from './query-pass.js';
import { errorRegions, touchesRegion, type ErrorRegion } from './syntax-errors.js';
import type { Codemod, Context, Edit, FileKind, Report, SourceFile } from '../go/codemod.js';
import { meetsMinGo } from '../go/goversion.js';

export interface UnitFile {
  /** Default 'go'. */
  kind?: FileKind;
  /** Display path (relative to cwd, forward slashes); unique within the unit. */
  path: string;
  source: string;
  goVersion: string | undefined;
  /** The module's go directive (or --go outside a module): `SourceFile.moduleGoVersion`. */
  moduleGoVersion?: string;
  packageName: string;
  importPath?: string;
  modulePath?: string;
  /** Set for files read only as context (e.g. 'generated'): never edited, no findings. */
  contextOnly?: string;
}

export interface LoadedCodemod {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  codemod: Codemod<any>;
  options: Record<string, unknown>;
  /**
   * For codemods loaded from the user's own files: the module a worker thread imports to get
   * the same codemod (a file URL), and a hash of its source, which the content cache key
   * covers so editing a codemod never returns a stale result. Absent for built-ins (covered
   * by the tool's own code hash) and for codemods handed to the API in-process (those run
   * without the cache and without workers).
   */
  origin?: { module: string; hash: string };
}

export interface Finding {
  codemod: string;
  message: string;
  /** Position in the file as it was read (1-based line, 1-based byte column). */
  line: number;
  column: number;
  /** True when its fix was applied to the output. */
  fixed: boolean;
}

export interface Problem {
  message: string;
  codemod?: string;
  line?: number;
  column?: number;
}

export interface FileOutcome {
  path: string;
  original: string;
  /** The result; equal to `original` when unchanged or when the file is in error. */
  output: string;
  findings: Finding[];
  /** Errors: the file is left as it was (or kept at its last safe round) and exit code is 2. */
  errors: Problem[];
  /** Warnings that do not fail the run: conflicts, fixes refused near syntax errors. */
  notes: Problem[];
  /** Codemods that did not run on the file, and why (e.g. its Go version is too old). */
  skippedBy: { codemod: string; reason: string }[];
  /** Applied fixes per codemod. */
  changes: Map<string, number>;
}

export interface EngineOptions {
  maxRounds?: number;
  /**
   * Real gofmt. With it, every changed file is checked by Go's own parser, and a file that
   * was gofmt-clean is re-formatted after the edits (an edit can shift aligned columns).
   */
  gofmt?: Gofmt;
}

interface FileState {
  file: UnitFile;
  text: string;
  /** Edits applied per round, to map later findings back to the original text. */
  rounds: OffsetMap[];
  /** A codemod failed on this file: it is left exactly as it was read. */
  failed: boolean;
  /** Its edits were refused (the result would not parse): no further rounds touch it. */
  frozen: boolean;
  outcome: FileOutcome;
  topLevel?: { text: string; value: TopLevel };
  /** Files that share an applied fix with this one. */
  linked: Set<string>;
  /** Built on first use: most files have no finding to place. */
  lines?: LineIndex;
}

interface Candidate {
  fix: PendingFix;
  codemod: string;
  file: string;
  start: number;
  message: string;
}

export const DEFAULT_MAX_ROUNDS = 5;

export function runUnit(parser: GoParser, codemods: readonly LoadedCodemod[], files: readonly UnitFile[], opts: EngineOptions = {}): FileOutcome[] {
  const maxRounds = opts.maxRounds ?? DEFAULT_MAX_ROUNDS;
  const states = new Map<string, FileState>();
  for (const file of files) {
    states.set(file.path, {
      file,
      text: file.source,
      rounds: [],
      failed: false,
      frozen: false,
      linked: new Set(),
      outcome: { path: file.path, original: file.source, output: file.source, findings: [], errors: [], notes: [], skippedBy: [], changes: new Map() },
    });
  }
  const seenFindings = new Map<string, Finding>();
  const seenNotes = new Set<string>();
  let nextFixId = 0;

  const positionInOriginal = (st: FileState, offset: number, round: number) => {
    let o = offset;
    for (let r = round - 1; r >= 0; r--) o = st.rounds[r].back(o);
    st.lines ??= new LineIndex(st.file.source);
    return st.lines.position(o);
  };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type AnyCodemod = Codemod<any>;
  const editableFor = (codemod: AnyCodemod, st: FileState) => !st.file.contextOnly && !st.failed && !st.frozen && meetsMinGo(st.file.goVersion, codemod.minGo);
  const liveFor = (codemod: AnyCodemod) => {
    const kinds = codemod.fileKinds ?? ['go'];
    return [...states.values()].filter((st) => !st.failed && kinds.includes(st.file.kind ?? 'go'));
  };
  /** The runs of a codemod in this round: one per file, or one per package (scope 'package'). */
  const unitsOf = (codemod: AnyCodemod, live: FileState[]): FileState[][] => {
    const hasNeedle = (st: FileState) => !codemod.needles?.length || codemod.needles.some((n) => st.text.includes(n));
    if (codemod.scope === 'package') return live.some((st) => editableFor(codemod, st) && hasNeedle(st)) ? [live] : [];
    return live.filter((st) => editableFor(codemod, st) && hasNeedle(st)).map((st) => [st]);
  };

  for (let round = 0; round < maxRounds; round++) {
    const trees = new Map<string, Tree>();
    const regions = new Map<string, ErrorRegion[]>();
    const treeOf = (path: string): Tree => {
      let t = trees.get(path);
      if (!t) {
        const st = states.get(path)!;
        if (!isGo(st)) throw new Error(`${path} is a ${st.file.kind} file: it has no syntax tree`);
        t = parser.parse(st.text);
        trees.set(path, t);
      }
      return t;
    };
    const regionsOf = (path: string) => {
      let r = regions.get(path);
      // go.mod and go.work have no grammar here: their codemods check their own syntax.
      if (!r) regions.set(path, (r = isGo(states.get(path)!) ? errorRegions(treeOf(path), states.get(path)!.text) : []));
      return r;
    };
    const candidates: Candidate[] = [];

    // One query pass per file for this round (src/engine/query-pass.ts), over the declared queries of
    // the codemods that run on the file, in codemod order. Planned on the first ctx.matches()
    // call of the round: files only leave units during a round (a codemod fails on them), so
    // the plan covers every later call. Each file's pass runs on the first call for it; its
    // results die with this round's trees.
    let queryUsers: Map<string, number[]> | undefined;
    const planQueries = () => {
      const plan = new Map<string, number[]>();
      codemods.forEach(({ codemod }, i) => {
        if (codemod.query === undefined || !compileQuery(parser, codemod.query).ok) return;
        for (const unit of unitsOf(codemod, liveFor(codemod))) {
          for (const st of unit) {
            const users = plan.get(st.file.path);
            if (users) users.push(i);
            else plan.set(st.file.path, [i]);
          }
        }
      });
      return plan;
    };
    const passes = new Map<string, QueryMatch[][]>();
    /**
     * With needles derived from every query (src/engine/query-needles.ts), a file holding none
     * cannot match: no parse. If every match lies within one top-level declaration, only
     * the declarations holding a needle are parsed first (unless some codemod already asked
     * for the full tree), and the whole file only if that found a match.
     */
    const queryPass = (path: string, sources: string[]): QueryMatch[][] => {
      const st = states.get(path)!;
      const derived = sources.map((q) => derivedNeedles(q));
      if (derived.every((d) => d !== undefined)) {
        const needles = [...new Set(derived.flatMap((d) => d!.needles))];
        if (!needles.some((n) => st.text.includes(n))) return sources.map(() => []);
        const top = derived.every((d) => d!.withinDeclarations) && !trees.has(path) ? topLevelOf(st) : undefined;
        if (top?.ok) {
          // The partial parse answers "does anything match?" for a fraction of a full parse.
          // Where something does, the matches handed out come from the full tree: a codemod
          // may walk from a match to its parent or siblings, which a tree of some
          // declarations does not have, and tree-sitter's error recovery over a broken file
          // can join declarations. (The file's full parse is needed anyway then: fixes are
          // checked against its syntax errors.)
          const partial = parser.parse(st.text, needleRanges(st.text, top, needles));
          const found = matchesPerQuery(parser, sources, partial.rootNode).some((ms) => ms.length);
          partial.delete();
          if (!found) return sources.map(() => []);
        }
      }
      return matchesPerQuery(parser, sources, treeOf(path).rootNode);
    };
    const matchesOf = (i: number, path: string): QueryMatch[] => {
      const users = (queryUsers ??= planQueries()).get(path) ?? [];
      const k = users.indexOf(i);
      if (k < 0) throw new Error(`internal error: the query pass of this round does not cover ${path}`);
      let pass = passes.get(path);
      if (!pass) passes.set(path, (pass = queryPass(path, users.map((u) => codemods[u].codemod.query!))));
      return pass[k].slice();
    };

    try {
      for (const [codemodIndex, { codemod, options }] of codemods.entries()) {
        const editable = (st: FileState) => editableFor(codemod, st);
        const live = liveFor(codemod);
        if (round === 0) {
          for (const st of live) {
            if (!st.file.contextOnly && !meetsMinGo(st.file.goVersion, codemod.minGo)) {
              st.outcome.skippedBy.push({ codemod: codemod.name, reason: `go ${st.file.goVersion} is older than ${codemod.minGo}` });
            }
          }
        }
        for (const unit of unitsOf(codemod, live)) {
          const sourceFiles = unit.map((st) => makeSourceFile(st, editable(st), () => treeOf(st.file.path)));
          const byPath = new Map(sourceFiles.map((sf) => [sf.path, sf]));
          const reports: Report[] = [];
          const ctx: Context = {
            codemod: codemod.name,
            options: { ...(codemod.defaultOptions ?? {}), ...options },
            file: sourceFiles.find((sf) => sf.editable) ?? sourceFiles[0],
            files: sourceFiles,
            query: (src) => parser.query(src),
            matches: (f = ctx.file) => {
              if (codemod.query === undefined) throw new Error('ctx.matches: the codemod declares no query');
              if (!byPath.has(f?.path)) throw new Error(`ctx.matches: ${f?.path} is not one of ctx.files`);
              return matchesOf(codemodIndex, f.path);
            },
            report: (r) => void reports.push(r),
          };
          const fail = (message: string, only?: string[]) => {
            for (const st of unit) {
              if (!editable(st) || (only && !only.includes(st.file.path))) continue;
              st.failed = true;
              st.outcome.errors.push({ codemod: codemod.name, message });
            }
          };
          // go.mod and go.work units have no Go grammar: queries concern their Go files only.
          const compiled = codemod.query === undefined || !unit.some(isGo) ? undefined : compileQuery(parser, codemod.query);
          if (compiled && !compiled.ok) {
            fail(`codemod ${codemod.name} has a query that does not compile: ${compiled.error}`);
            continue;
          }
          try {
            codemod.run(ctx);
          } catch (e) {
            fail(`codemod ${codemod.name} crashed: ${e instanceof Error ? e.message : String(e)}`);
            continue;
          }
          for (const r of reports) {
            const path = typeof r.file === 'string' ? r.file : (r.file?.path ?? ctx.file.path);
            const sf = byPath.get(path);
            if (!sf) {
              fail(`codemod ${codemod.name} reported on ${path}, which is not part of this run`);
              break;
            }
            if (!sf.editable) continue; // context files get no findings
            const st = states.get(path)!;
            const fixes = r.fixes ?? [];
            const fix = fixes[0];
            let pending: PendingFix | undefined;
            if (fix) {
              const edits = fix.edits.map((e) => ({ ...e, file: e.file ?? path }));
              let bad: string | undefined;
              const touched = [...new Set(edits.map((e) => e.file))];
              for (const f of touched) {
                const target = states.get(f);
                if (!target || !byPath.has(f)) {
                  bad = `an edit targets ${f}, which is not part of this run`;
                  break;
                }
                const problem = validateFixEdits(
                  edits.filter((e) => e.file === f),
                  target.text,
                );
                if (problem) {
                  bad = `${f}: ${problem}`;
                  break;
                }
              }
              if (bad) {
                fail(`codemod ${codemod.name} returned an invalid fix: ${bad}`, touched.filter((f) => states.has(f)).concat(path));
                continue;
              }
              const readOnly = touched.find((f) => !byPath.get(f)!.editable);
              const nearError = touched
                .map((f) => edits.filter((e) => e.file === f).map((e) => touchesRegion(e.start, e.end, regionsOf(f))).find(Boolean))
                .find(Boolean);
              const where = positionInOriginal(st, r.start, round);
              if (readOnly) {
                addNote(st, { codemod: codemod.name, ...where, message: `fix not applied: it edits ${readOnly}, which is ${byPath.get(readOnly)!.skipReason ?? 'read-only'}` });
              } else if (nearError) {
                addNote(st, {
                  codemod: codemod.name,
                  ...where,
                  message: `fix not applied: it edits a region with a syntax error (line ${nearError.line})`,
                });
              } else {
                pending = { codemod: codemod.name, message: fix.message, edits, id: nextFixId++ };
              }
            }
            if (pending) candidates.push({ fix: pending, codemod: codemod.name, file: path, start: r.start, message: r.message });
            else recordFinding(st, codemod.name, r.message, positionInOriginal(st, r.start, round), false);
          }
        }
      }

      // Fixes touching a file a codemod failed on are dropped with it: a file is all or nothing.
      const alive = (c: Candidate) => c.fix.edits.every((e) => !states.get(e.file!)!.failed);
      let accepted: PendingFix[];
      const merged = mergeFixes(candidates.filter(alive).map((c) => c.fix));
      const candidateOf = new Map(candidates.map((c) => [c.fix, c]));
      accepted = merged.accepted;
      for (const conflict of merged.conflicts) {
        const c = candidateOf.get(conflict.fix)!;
        const st = states.get(c.file)!;
        addNote(st, {
          codemod: c.codemod,
          ...positionInOriginal(st, c.start, round),
          message: `conflict: this fix of ${c.codemod} overlaps a fix of ${conflict.with}; it was not applied in this round${round + 1 < maxRounds ? ' and is retried on the result' : ''}`,
        });
      }

      // Apply; a file whose result parses worse than its input is refused whole, with every
      // fix that touches it (even on other files, since a fix is atomic). Repeat until stable.
      let results = new Map<string, string>();
      let editsByFile = new Map<string, Edit[]>();
      for (;;) {
        results = new Map();
        editsByFile = new Map<string, Edit[]>();
        const seen = new Set<string>();
        for (const fix of accepted) {
          for (const e of fix.edits) {
            // Two fixes may share an identical edit (merging allows it): apply it once.
            const key = `${e.file}\0${e.start}\0${e.end}\0${e.text}`;
            if (seen.has(key)) continue;
            seen.add(key);
            let list = editsByFile.get(e.file!);
            if (!list) editsByFile.set(e.file!, (list = []));
            list.push(e);
          }
        }
        let refused: string | undefined;
        for (const [path, edits] of editsByFile) {
          const st = states.get(path)!;
          const out = applyEdits(st.text, edits);
          if (!isGo(st)) {
            results.set(path, out);
            continue;
          }
          const after = parser.parse(out);
          const newErrors = errorRegions(after, out).length;
          after.delete();
          if (newErrors > regionsOf(path).length) {
            refused = path;
            st.frozen = true;
            st.outcome.errors.push({
              message: `edits refused: the result would have ${newErrors - regionsOf(path).length} more syntax error(s) than the input (codemods: ${[
                ...new Set(accepted.filter((f) => f.edits.some((e) => e.file === path)).map((f) => f.codemod)),
              ].join(', ')})`,
            });
            break;
          }
          results.set(path, out);
        }
        if (!refused) break;
        accepted = accepted.filter((f) => !f.edits.some((e) => e.file === refused));
      }

      const acceptedSet = new Set(accepted);
      // A fix whose edits all landed through identical edits of accepted fixes is applied too.
      const editKey = (e: Edit) => `${e.file}\0${e.start}\0${e.end}\0${e.text}`;
      const landed = new Set([...editsByFile.values()].flat().map(editKey));
      for (const c of candidates) {
        const st = states.get(c.file)!;
        const applied = acceptedSet.has(c.fix) || (c.fix.edits.length > 0 && c.fix.edits.every((e) => landed.has(editKey(e))));
        recordFinding(st, c.codemod, c.message, positionInOriginal(st, c.start, round), applied);
        if (applied) st.outcome.changes.set(c.codemod, (st.outcome.changes.get(c.codemod) ?? 0) + 1);
      }
      if (accepted.length === 0) break;
      // Files joined by a fix stand or fall together, to the end (see the final checks).
      for (const fix of accepted) {
        const files = [...new Set(fix.edits.map((e) => e.file!))];
        if (files.length < 2) continue;
        for (const f of files) for (const g of files) if (f !== g) states.get(f)!.linked.add(g);
      }
      for (const st of states.values()) {
        const out = results.get(st.file.path);
        st.rounds.push(new OffsetMap(out === undefined ? [] : (editsByFile.get(st.file.path) ?? [])));
        if (out !== undefined) st.text = out;
      }
      if (round + 1 === maxRounds) {
        for (const st of states.values()) {
          if (results.has(st.file.path)) addNote(st, { message: `still changing after ${maxRounds} rounds: run again to apply the rest` });
        }
      }
    } finally {
      for (const t of trees.values()) t.delete();
    }
  }

  /** Notes recur when later rounds meet the same refusal: keep one of each. */
  function addNote(st: FileState, note: Problem) {
    const key = `${st.file.path}\0${note.codemod}\0${note.line}:${note.column}\0${note.message}`;
    if (seenNotes.has(key)) return;
    seenNotes.add(key);
    st.outcome.notes.push(note);
  }

  function recordFinding(st: FileState, codemod: string, message: string, pos: { line: number; column: number }, fixed: boolean) {
    // The same finding comes back in later rounds (unfixed ones, or a conflict that lands later).
    const key = `${st.file.path}\0${codemod}\0${pos.line}:${pos.column}\0${message}`;
    const known = seenFindings.get(key);
    if (known) {
      known.fixed ||= fixed;
      return;
    }
    const finding = { codemod, message, ...pos, fixed };
    seenFindings.set(key, finding);
    st.outcome.findings.push(finding);
  }

  for (const st of states.values()) {
    if (!st.file.contextOnly && !st.failed && st.text !== st.file.source && opts.gofmt && isGo(st)) formatResult(st, opts.gofmt);
  }
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
  for (const st of states.values()) {
    if (st.file.contextOnly) continue;
    st.outcome.output = st.failed ? st.file.source : st.text;
    if (st.failed) st.outcome.changes.clear();
    out.push(st.outcome);
  }
  return out;
}

const isGo = (st: FileState) => (st.file.kind ?? 'go') === 'go';

/**
 * The last check on a changed file, by Go's own parser and printer: a result that gofmt
 * cannot parse, from an input it could, is refused; a gofmt-clean input gets a gofmt-clean
 * output. Inputs gofmt cannot parse keep the tree-sitter checks alone.
 */
function formatResult(st: FileState, gofmt: Gofmt) {
  const before = gofmt.format(st.file.source);
  if (!before.ok) return;
  const after = gofmt.format(st.text);
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
    goVersion: st.file.goVersion,
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

/** A file's top-level declarations, cached with the text they were computed from: rounds change the text. */
function topLevelOf(st: FileState): TopLevel {
  if (st.topLevel?.text !== st.text) st.topLevel = { text: st.text, value: topLevelDecls(st.text) };
  return st.topLevel.value;
}

const needlesOfQuery = new Map<string, QueryNeedles | undefined>();

function derivedNeedles(query: string): QueryNeedles | undefined {
  if (!needlesOfQuery.has(query)) needlesOfQuery.set(query, queryNeedles(query));
  return needlesOfQuery.get(query);
}
