/**
 * Edits as data: whether two overlap, and applying a set of them to a text. The engine
 * merges fixes with these; codemods use them to check their own edits or to see what a
 * file would become.
 */
import type { Edit } from './codemod.js';

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
 * Applies edits that do not overlap (see `overlaps`) to a text, in any order given.
 * Throws when two overlap.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`applyEdits: overlapping edits at ${e.start}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Maps offsets in the text after `edits` back to the text before them, so findings of a
 * later round can be printed at positions of the file as it is on disk. Built once per
 * round; each lookup is a binary search.
 */
export class OffsetMap {
  /** Sorted edits with their start in the new text and the shift after them. */
  private readonly marks: { newStart: number; newEnd: number; oldStart: number; shiftAfter: number }[] = [];

  constructor(edits: readonly Edit[]) {
    let delta = 0;
    for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
      const newStart = e.start + delta;
      delta += e.text.length - (e.end - e.start);
      this.marks.push({ newStart, newEnd: newStart + e.text.length, oldStart: e.start, shiftAfter: delta });
    }
  }

  back(offset: number): number {
    // The last edit starting at or before the offset decides.
    let lo = 0;
    let hi = this.marks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.marks[mid].newStart <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return offset;
    const m = this.marks[found];
    if (offset < m.newEnd) return m.oldStart; // inside replaced text: its start
    return offset - m.shiftAfter;
  }
}

/** One-off form of OffsetMap. */
export function mapOffsetBack(offset: number, edits: readonly Edit[]): number {
  return new OffsetMap(edits).back(offset);
}
