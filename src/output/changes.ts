/**
 * What a run changes, cut into pieces a reviewer can take or leave: regions (runs of changed
 * lines, as a diff without context shows them) joined into changes (the regions that must go
 * together). Review formats hang each change on a finding; `--interactive` offers each as one.
 *
 * The regions are computed from each file's text before and after, not from the fixes'
 * edits: the engine's later rounds edit text that earlier rounds wrote, and gofmt realigns
 * columns after an edit, so only the final diff is exactly what `--write` writes. Applying
 * every region of every change to the files as read gives exactly the `--write` result.
 *
 * A region belongs to the fixes whose edits (as the engine maps them back to the file as
 * read) touch its lines; regions sharing a fix, and fixes sharing a region, are one change
 * (a fix is atomic: a call rewritten and the import it needs). A region no fix touches (gofmt
 * realigning a neighbour) joins the nearest region of its file that a fix does touch.
 *
 * A fix's import edit is made for more than that fix: a codemod adds an import with its first
 * use and removes one after its last, so in a Go file, a region that edits the imports joins
 * every region of the same codemods in that file (taking one without the others could leave
 * an import missing or unused).
 */
import type { Finding } from '../engine/engine.js';
import { lineContaining } from '../go/position.js';
import { lineDiff } from './unified-diff.js';
import { topLevelDecls } from '../go/toplevel.js';

/** One file of the run as the review formats see it. */
export interface ReviewFile {
  /** Relative to the current directory (as in `path:line:col` messages). */
  path: string;
  /** As diffs name it: from the git work tree's root, or see diff-paths.ts. */
  diffPath: string;
  abs: string;
  original: string;
  output: string;
  findings: readonly Finding[];
}

/** A run of changed lines of one file: replace [start, end) of the original with `text`. */
export interface Region {
  /** Index of the file in the list given to computeChanges. */
  file: number;
  /** UTF-16 offsets in the original; whole lines, their '\n' included. */
  start: number;
  end: number;
  text: string;
  /** 0-based line ranges [from, to) on each side. */
  oldFrom: number;
  oldTo: number;
  newFrom: number;
  newTo: number;
}

export interface FindingRef {
  file: number;
  /** Index in the file's `findings`. */
  index: number;
}

export interface Change {
  /** 0-based, in the order of the change's first region (files in order, then position). */
  id: number;
  regions: Region[];
  /** The fixed findings whose fixes made this change, in file order then position. */
  findings: FindingRef[];
  /** Codemods of those findings, in the run's codemod order. */
  codemods: string[];
}

export interface ChangeSet {
  changes: Change[];
  /** `${file}:${index}` of a finding -> its change id (fixed findings whose change exists). */
  changeOfFinding: Map<string, number>;
}

export const findingKey = (f: FindingRef) => `${f.file}:${f.index}`;

/** Offsets of line starts, plus the text's length as the end of the last line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10 && i + 1 < text.length) starts.push(i + 1);
  return starts;
}

function regionsOf(fileIndex: number, original: string, output: string): Region[] {
  const { a, b, ops } = lineDiff(original, output);
  const oldStarts = lineStarts(original);
  const newStarts = lineStarts(output);
  // The offset where a line starts; past the last line, the text's end.
  const at = (starts: number[], lines: number, text: string, line: number) => (line < lines ? starts[line] : text.length);
  const regions: Region[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].op === '=') {
      i++;
      continue;
    }
    let j = i;
    while (j < ops.length && ops[j].op !== '=') j++;
    const run = ops.slice(i, j);
    const oldFrom = run.find((o) => o.op === '-')?.old ?? run[0].old;
    const oldTo = oldFrom + run.filter((o) => o.op === '-').length;
    const newFrom = run.find((o) => o.op === '+')?.new ?? run[0].new;
    const newTo = newFrom + run.filter((o) => o.op === '+').length;
    const start = at(oldStarts, a.text.length, original, oldFrom);
    const end = at(oldStarts, a.text.length, original, oldTo);
    const textStart = at(newStarts, b.text.length, output, newFrom);
    const textEnd = at(newStarts, b.text.length, output, newTo);
    regions.push({ file: fileIndex, start, end, text: output.slice(textStart, textEnd), oldFrom, oldTo, newFrom, newTo });
    i = j;
  }
  return regions;
}

class UnionFind {
  private readonly parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    while (this.parent[x] !== x) x = this.parent[x] = this.parent[this.parent[x]];
    return x;
  }
  union(x: number, y: number) {
    const [a, b] = [this.find(x), this.find(y)];
    if (a !== b) this.parent[Math.max(a, b)] = Math.min(a, b);
  }
}

/** Does a fix's span (offsets in the original) touch a region's lines? */
function touches(region: Region, span: { start: number; end: number }, starts: number[]): boolean {
  const first = lineContaining(starts, span.start);
  const last = span.end > span.start ? lineContaining(starts, span.end - 1) : first;
  // Lines inserted between two lines touch both (an import added after the last one).
  if (region.oldFrom === region.oldTo) return region.oldFrom >= first && region.oldFrom <= last + 1;
  return region.oldFrom <= last && first < region.oldTo;
}

/**
 * The changes of a run. `files`: every file of the run (changed or not, in output order);
 * `codemods`: the run's codemod names in list order.
 */
export function computeChanges(files: readonly ReviewFile[], codemods: readonly string[]): ChangeSet {
  const uf = new UnionFind();
  const regions: Region[] = [];
  const regionsByFile = new Map<number, number[]>();
  const startsOf = new Map<number, number[]>();
  const indexByPath = new Map(files.map((f, i) => [f.path, i]));
  files.forEach((f, fi) => {
    if (f.output === f.original) return;
    const ids: number[] = [];
    for (const r of regionsOf(fi, f.original, f.output)) {
      regions.push(r);
      ids.push(uf.add());
    }
    regionsByFile.set(fi, ids);
    startsOf.set(fi, lineStarts(f.original));
  });

  // Each fixed finding of a changed file joins the regions its fix touches.
  const touchedBy = new Map<string, number[]>();
  const claimed = new Set<number>();
  const codemodsOf = new Map<number, Set<string>>();
  files.forEach((f, fi) => {
    if (f.output === f.original) return;
    f.findings.forEach((finding, index) => {
      if (!finding.fixed || !finding.fix) return;
      const hit = new Set<number>();
      for (const span of finding.fix.spans) {
        const target = indexByPath.get(span.path);
        if (target === undefined) continue;
        for (const id of regionsByFile.get(target) ?? []) if (touches(regions[id], span, startsOf.get(target)!)) hit.add(id);
      }
      if (!hit.size) return;
      const ids = [...hit];
      for (const id of ids) {
        uf.union(ids[0], id);
        claimed.add(id);
        const set = codemodsOf.get(id) ?? new Set();
        codemodsOf.set(id, set.add(finding.codemod));
      }
      touchedBy.set(findingKey({ file: fi, index }), ids);
    });
  });
  // A changed file no fix span reaches (spans of later rounds that map back imprecisely):
  // its regions go to the first fixed finding of the file.
  for (const [fi, ids] of regionsByFile) {
    if (ids.some((id) => claimed.has(id))) continue;
    const index = files[fi].findings.findIndex((f) => f.fixed && f.fix);
    if (index < 0) continue;
    const key = findingKey({ file: fi, index });
    const all = [...(touchedBy.get(key) ?? []), ...ids];
    for (const id of all) {
      uf.union(all[0], id);
      claimed.add(id);
    }
    touchedBy.set(key, all);
  }
  for (const [fi, ids] of regionsByFile) {
    if (!files[fi].path.endsWith('.go')) continue;
    const imports = importRanges(files[fi].original);
    for (const id of ids) {
      if (!editsImports(regions[id], files[fi].original, imports)) continue;
      const mine = codemodsOf.get(id) ?? new Set();
      for (const other of ids) if ([...(codemodsOf.get(other) ?? [])].some((c) => mine.has(c))) uf.union(id, other);
    }
  }
  // Regions no fix touches join the nearest claimed region of their file.
  for (const ids of regionsByFile.values()) {
    const own = ids.filter((id) => claimed.has(id));
    for (const id of ids) {
      if (claimed.has(id) || !own.length) {
        if (!own.length && id !== ids[0]) uf.union(ids[0], id); // no fix at all: one change per file
        continue;
      }
      const distance = (o: number) => Math.abs(regions[o].oldFrom - regions[id].oldFrom);
      uf.union(own.reduce((best, o) => (distance(o) < distance(best) ? o : best)), id);
    }
  }

  // Changes in the order of their first region; findings in file order, then position.
  const byRoot = new Map<number, Change>();
  const changes: Change[] = [];
  regions.forEach((r, id) => {
    const root = uf.find(id);
    let c = byRoot.get(root);
    if (!c) {
      c = { id: changes.length, regions: [], findings: [], codemods: [] };
      byRoot.set(root, c);
      changes.push(c);
    }
    c.regions.push(r);
  });
  const changeOfFinding = new Map<string, number>();
  const order = new Map(codemods.map((name, i) => [name, i]));
  files.forEach((f, fi) =>
    f.findings.forEach((finding, index) => {
      const ids = touchedBy.get(findingKey({ file: fi, index }));
      if (!ids) return;
      const c = byRoot.get(uf.find(ids[0]))!;
      c.findings.push({ file: fi, index });
      if (!c.codemods.includes(finding.codemod)) c.codemods.push(finding.codemod);
      changeOfFinding.set(findingKey({ file: fi, index }), c.id);
    }),
  );
  for (const c of changes) c.codemods.sort((x, y) => (order.get(x) ?? Infinity) - (order.get(y) ?? Infinity));
  return { changes, changeOfFinding };
}

/** [start, end) of the import declarations of a Go text. */
function importRanges(text: string): [number, number][] {
  return topLevelDecls(text)
    .decls.filter((d) => d.keyword === 'import')
    .map((d) => [d.start, d.end]);
}

/** Does a region change an import declaration, or write one? */
function editsImports(r: Region, original: string, imports: readonly [number, number][]): boolean {
  if (imports.some(([s, e]) => r.start < e && s < Math.max(r.end, r.start + 1))) return true;
  return /^\s*import\b/m.test(r.text) || /^\s*import\b/m.test(original.slice(r.start, r.end));
}

/** Applies regions (of one file, any order) to its original text. */
export function applyRegions(original: string, regions: readonly Region[]): string {
  let out = '';
  let at = 0;
  for (const r of [...regions].sort((x, y) => x.start - y.start)) {
    out += original.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + original.slice(at);
}
