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
