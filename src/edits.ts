/**
 * Merging and applying edits. Edits are data until here; this module decides which fixes
 * land together on one file and never merges overlapping fixes blindly (eslint's rule).
 */
import type { Edit } from './types.js';

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
export function validateFixEdits(edits: readonly Edit[], length: number): string | undefined {
  for (const e of edits) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > length) {
      return `edit [${e.start}, ${e.end}) is out of range (file length ${length})`;
    }
    if (typeof e.text !== 'string') return `edit [${e.start}, ${e.end}) has no replacement text`;
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (overlaps(prev, cur)) return `edits [${prev.start}, ${prev.end}) and [${cur.start}, ${cur.end}) overlap`;
  }
  return undefined;
}

/**
 * Two edits (of the same file) overlap when their ranges share a character, or when both insert at the same
 * point (the order of the two insertions would be a guess), or one inserts strictly inside
 * the other's replaced range.
 */
export function overlaps(a: Edit, b: Edit): boolean {
  if (a.file !== b.file) return false;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Accepts fixes in order; a fix overlapping one already accepted is a conflict. Identical
 * edits from two fixes (same range, same text) are not a conflict: the result is the same.
 */
export function mergeFixes(fixes: readonly PendingFix[]): { accepted: PendingFix[]; conflicts: Conflict[] } {
  const accepted: PendingFix[] = [];
  const conflicts: Conflict[] = [];
  const taken: { edit: Edit; codemod: string }[] = [];
  for (const fix of fixes) {
    let clash: { edit: Edit; codemod: string } | undefined;
    let duplicate = true;
    for (const e of fix.edits) {
      const same = taken.find((t) => t.edit.start === e.start && t.edit.end === e.end && t.edit.text === e.text);
      if (same) continue;
      duplicate = false;
      clash = taken.find((t) => overlaps(t.edit, e));
      if (clash) break;
    }
    if (clash) {
      conflicts.push({ fix, with: clash.codemod, start: Math.min(...fix.edits.map((e) => e.start)) });
      continue;
    }
    if (duplicate && fix.edits.length > 0) continue;
    accepted.push(fix);
    for (const e of fix.edits) {
      if (!taken.some((t) => t.edit.start === e.start && t.edit.end === e.end && t.edit.text === e.text)) {
        taken.push({ edit: e, codemod: fix.codemod });
      }
    }
  }
  return { accepted, conflicts };
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`internal: overlapping edits at ${e.start}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Maps an offset in the text after `edits` back to the text before them, so findings of a
 * later round can be printed at positions of the file as it is on disk.
 */
export function mapOffsetBack(offset: number, edits: readonly Edit[]): number {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let delta = 0;
  for (const e of sorted) {
    const newStart = e.start + delta;
    const newEnd = newStart + e.text.length;
    if (offset < newStart) break;
    if (offset < newEnd) return e.start;
    delta += e.text.length - (e.end - e.start);
  }
  return offset - delta;
}
