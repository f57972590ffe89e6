/**
 * Merging and applying edits. Edits are data until here; this module decides which fixes
 * land together on one file and never merges overlapping fixes blindly (eslint's rule).
 */
import type { Edit } from '../go/codemod.js';
import { overlaps } from '../go/edits.js';

/** A fix as the engine tracks it: whose it is, and its edits on one file. */
export interface PendingFix {
  codemod: string;
  message: string;
  edits: Edit[];
  /** An opaque key shared by the parts of one fix that spans several files. */
  id: number;
}

export interface Conflict {
  fix: PendingFix;
  /** The codemod whose earlier fix overlaps this one. */
  with: string;
  start: number;
}

/** Problems with one fix's own edits: out of range, or overlapping each other. */
export function validateFixEdits(edits: readonly Edit[], text: string): string | undefined {
  const length = text.length;
  for (const e of edits) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > length) {
      return `edit [${e.start}, ${e.end}) is out of range (file length ${length})`;
    }
    if (typeof e.text !== 'string') return `edit [${e.start}, ${e.end}) has no replacement text`;
    const lone = loneSurrogate(e.text);
    if (lone >= 0) {
      const unit = e.text.charCodeAt(lone).toString(16).toUpperCase();
      return `edit [${e.start}, ${e.end}) inserts a lone UTF-16 surrogate (\\u${unit} at index ${lone} of its text), which has no UTF-8 encoding`;
    }
    // Offsets are UTF-16 units: one inside a surrogate pair would write U+FFFD bytes.
    if (splitsPair(text, e.start) || splitsPair(text, e.end)) return `edit [${e.start}, ${e.end}) splits a character (inside a UTF-16 surrogate pair)`;
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (overlaps(prev, cur)) return `edits [${prev.start}, ${prev.end}) and [${cur.start}, ${cur.end}) overlap`;
  }
  return undefined;
}

/** Index of the first surrogate that is not half of a pair, or -1 (String.isWellFormed, with the place). */
function loneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

function splitsPair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * Accepts fixes in order; a fix overlapping one already accepted is a conflict. Identical
 * edits from two fixes (same range, same text) are not a conflict: the result is the same.
 * Accepted edits are kept sorted per file, so each check looks only at the neighbours of an
 * edit: merging stays near-linear for files with a million edits.
 */
export function mergeFixes(fixes: readonly PendingFix[]): { accepted: PendingFix[]; conflicts: Conflict[] } {
  const accepted: PendingFix[] = [];
  const conflicts: Conflict[] = [];
  const taken = new Map<string | undefined, Taken[]>();
  for (const fix of fixes) {
    let clash: Taken | undefined;
    let duplicate = true;
    for (const e of fix.edits) {
      const near = neighbours(taken.get(e.file) ?? [], e);
      if (near.some((t) => sameEdit(t.edit, e))) continue;
      duplicate = false;
      clash = near.find((t) => overlaps(t.edit, e));
      if (clash) break;
    }
    if (clash) {
      conflicts.push({ fix, with: clash.codemod, start: Math.min(...fix.edits.map((e) => e.start)) });
      continue;
    }
    if (duplicate && fix.edits.length > 0) continue;
    accepted.push(fix);
    for (const e of fix.edits) {
      let list = taken.get(e.file);
      if (!list) taken.set(e.file, (list = []));
      if (neighbours(list, e).some((t) => sameEdit(t.edit, e))) continue;
      list.splice(lowerBound(list, e.start, e.end), 0, { edit: e, codemod: fix.codemod });
    }
  }
  return { accepted, conflicts };
}

interface Taken {
  edit: Edit;
  codemod: string;
}

function sameEdit(a: Edit, b: Edit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text && a.file === b.file;
}

/**
 * First index whose edit is at or after (start, end). The list is kept in (start, end)
 * order: an insertion at P sorts before a replacement starting at P, so along the list
 * both starts and ends never decrease, which `neighbours` relies on.
 */
function lowerBound(list: readonly Taken[], start: number, end = -1): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid].edit;
    if (m.start < start || (m.start === start && m.end < end)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The accepted edits that could overlap or equal `e`. Accepted edits are disjoint, so going
 * back from `e.start` stops at the first edit ending before it, and going forward stops at
 * the first starting after `e.end`.
 */
function neighbours(list: readonly Taken[], e: Edit): Taken[] {
  const out: Taken[] = [];
  const at = lowerBound(list, e.start);
  for (let j = at - 1; j >= 0 && list[j].edit.end >= e.start; j--) out.push(list[j]);
  for (let k = at; k < list.length && list[k].edit.start <= e.end; k++) out.push(list[k]);
  return out;
}
