/**
 * One patch per codemod (`--output-dir`). Codemod k's patch is the difference between the
 * tree that the first k-1 codemods (in list order) make and the tree the first k make, each
 * computed by a real run: so patch k applies to the tree the earlier patches leave, and all
 * of them, in order, give exactly the tree of `--write` (the last "prefix" is the whole run).
 *
 * A patch also applies alone to the original tree when none of its hunks needs a line an
 * earlier patch changed. To make that so wherever the codemods' edits do not touch the same
 * lines, a hunk's context stops short of lines that earlier patches changed (git apply needs
 * its context lines exactly): up to 3 lines of context, fewer next to another codemod's
 * change, and at least one after the change unless it ends the file (`git apply` anchors a
 * hunk without trailing context at the end of the file). Each patch lists the patches it
 * depends on: those that changed lines its hunks need, and those that change the go.mod of a
 * module it edits (its code may need the Go version they set, though it applies without it).
 */
import { lineDiff, renderDiff, CONTEXT } from './unified-diff.js';
import type { LineOp } from './line-diff.js';

export interface PatchFile {
  abs: string;
  /** Path in the patch (see diff-paths.ts). */
  diffPath: string;
  /** states[k]: the file's text after the first k codemods (states[0]: as read). */
  states: readonly string[];
  /** Absolute path of the go.mod of the file's module, if any. */
  gomod?: string;
}

export interface Dependency {
  patch: string;
  why: 'lines' | 'go.mod';
}

export interface Patch {
  /** `NN-<codemod>.patch`, numbered from 01 in list order among the patches written. */
  name: string;
  codemod: string;
  text: string;
  /** The files it changes (diff paths). */
  files: string[];
  dependsOn: Dependency[];
  /** `git apply` takes it on the original tree alone (no hunk needs an earlier patch's lines). */
  appliesAlone: boolean;
}

/**
 * Where a file's current state differs from the tree as read, line by line: `line[i]` is 0
 * when line i is as read, else the patch (1-based codemod index) that wrote it; `gap[i]` is
 * the patch that deleted lines just before line i (0: none), `gap[length]` those at the end.
 * A hunk needs a patch when it uses a line it wrote, or spans a place where it deleted lines:
 * its lines are not next to each other in the tree as read.
 */
interface Provenance {
  line: number[];
  gap: number[];
}

export function buildPatches(codemods: readonly string[], files: readonly PatchFile[]): Patch[] {
  const provenance = new Map<PatchFile, Provenance>();
  const written: { index: number; patch: Patch; files: Set<string> }[] = [];
  const width = Math.max(2, String(codemods.length).length);
  for (let k = 1; k <= codemods.length; k++) {
    const parts: string[] = [];
    const changed: PatchFile[] = [];
    const lineDeps = new Set<number>();
    for (const f of files) {
      const before = f.states[k - 1];
      const after = f.states[k];
      const { a, b, ops } = lineDiff(before, after);
      const prov = provenance.get(f) ?? { line: new Array<number>(a.text.length).fill(0), gap: new Array<number>(a.text.length + 1).fill(0) };
      if (before !== after) {
        const hunks = hunksAvoiding(ops, prov);
        for (const [from, to] of hunks) for (const d of hunkNeeds(ops.slice(from, to), prov)) lineDeps.add(d);
        parts.push(renderDiff(f.diffPath, a, b, ops, hunks));
        changed.push(f);
      }
      provenance.set(f, advance(ops, prov, b.text.length, k));
    }
    if (!parts.length) continue;
    const name = `${String(written.length + 1).padStart(width, '0')}-${codemods[k - 1]}.patch`;
    const dependsOn: Dependency[] = [];
    for (const w of written) {
      if (lineDeps.has(w.index)) dependsOn.push({ patch: w.patch.name, why: 'lines' });
      else if (changed.some((f) => f.gomod && w.files.has(f.gomod))) dependsOn.push({ patch: w.patch.name, why: 'go.mod' });
    }
    const patch: Patch = { name, codemod: codemods[k - 1], text: parts.join(''), files: changed.map((f) => f.diffPath), dependsOn, appliesAlone: lineDeps.size === 0 };
    written.push({ index: k, patch, files: new Set(changed.map((f) => f.abs)) });
  }
  return written.map((w) => w.patch);
}

/** The earlier patches a hunk needs: lines they wrote that it uses, and deletions of theirs between its lines. */
function hunkNeeds(ops: readonly LineOp[], prov: Provenance): Set<number> {
  const needs = new Set<number>();
  let first = true;
  for (const o of ops) {
    if (o.op === '+') continue;
    if (prov.line[o.old]) needs.add(prov.line[o.old]);
    if (!first && prov.gap[o.old]) needs.add(prov.gap[o.old]);
    first = false;
  }
  return needs;
}

/**
 * The provenance of the new side: kept lines keep theirs, added lines are patch k's; a
 * deletion of patch k leaves a gap of k before the next line, and earlier gaps move with the
 * lines they precede.
 */
function advance(ops: readonly LineOp[], prov: Provenance, newLength: number, k: number): Provenance {
  const next: Provenance = { line: new Array<number>(newLength).fill(0), gap: new Array<number>(newLength + 1).fill(0) };
  let pending = 0;
  for (const o of ops) {
    if (o.op === '-') {
      pending ||= prov.gap[o.old] || k;
      continue;
    }
    if (o.op === '=') {
      pending ||= prov.gap[o.old];
      next.line[o.new] = prov.line[o.old];
    } else next.line[o.new] = k;
    next.gap[o.new] = pending;
    pending = 0;
  }
  next.gap[newLength] = pending || prov.gap[prov.line.length];
  return next;
}

/**
 * Hunks (op ranges) whose context avoids lines earlier patches wrote: at most CONTEXT lines
 * each side, stopping before such a line, but at least one line after the change when the
 * file goes on. Changes whose contexts meet are one hunk.
 */
function hunksAvoiding(ops: readonly LineOp[], prov: Provenance): [number, number][] {
  // Blocks: maximal runs of non-'=' ops, as [from, to) op indices.
  const blocks: [number, number][] = [];
  for (let i = 0; i < ops.length; ) {
    if (ops[i].op === '=') {
      i++;
      continue;
    }
    let j = i;
    while (j < ops.length && ops[j].op !== '=') j++;
    blocks.push([i, j]);
    i = j;
  }
  const clean = (opIndex: number) => ops[opIndex].op === '=' && prov.line[ops[opIndex].old] === 0;
  // Context reaches a line only across no earlier deletion: going back, the line after it
  // (toward the change) must have no gap before it; going forward, the line itself.
  const cleanBefore = (opIndex: number) => clean(opIndex) && prov.gap[ops[opIndex].old + 1] === 0;
  const cleanAfter = (opIndex: number) => clean(opIndex) && prov.gap[ops[opIndex].old] === 0;
  const hunks: [number, number][] = [];
  blocks.forEach(([from, to], bi) => {
    const prevEnd = bi > 0 ? blocks[bi - 1][1] : 0;
    const nextStart = bi + 1 < blocks.length ? blocks[bi + 1][0] : ops.length;
    let lead = 0;
    while (lead < CONTEXT && from - lead - 1 >= prevEnd && cleanBefore(from - lead - 1)) lead++;
    let trail = 0;
    while (trail < CONTEXT && to + trail < nextStart && cleanAfter(to + trail)) trail++;
    if (trail === 0 && to < ops.length) trail = 1; // git apply needs it (see the top of this file)
    const hunk: [number, number] = [from - lead, to + trail];
    const last = hunks[hunks.length - 1];
    if (last && hunk[0] <= last[1]) last[1] = hunk[1];
    else hunks.push(hunk);
  });
  return hunks;
}
