/**
 * The parts of a Go file that can hold a query match containing one of `needles`: each
 * top-level declaration (src/go-toplevel.ts) in which a needle occurs, or, for an
 * occurrence between declarations (a comment), the whole gap. Tree-sitter parses just these
 * with `includedRanges`, in the file's own coordinates, so nodes keep their offsets.
 * Top-level Go declarations parse on their own: none depends on its neighbours' syntax.
 */
import type { Range } from 'web-tree-sitter';
import type { TopLevel } from './go-toplevel.js';
import { lineContaining } from './position.js';

export function needleRanges(text: string, top: TopLevel, needles: readonly string[]): Range[] {
  const spans: [number, number][] = [];
  const decls = top.decls;
  for (const needle of needles) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      // The last declaration starting at or before the occurrence.
      let lo = 0;
      let hi = decls.length - 1;
      let k = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (decls[mid].start <= at) (k = mid), (lo = mid + 1);
        else hi = mid - 1;
      }
      if (k >= 0 && at < decls[k].end) {
        spans.push([decls[k].start, decls[k].end]);
        at = decls[k].end - 1; // the rest of this declaration is in already
      } else {
        const gapStart = k >= 0 ? decls[k].end : 0;
        const gapEnd = k + 1 < decls.length ? decls[k + 1].start : text.length;
        spans.push([gapStart, gapEnd]);
        at = gapEnd - 1;
      }
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const point = (offset: number) => {
    const row = lineContaining(starts, offset);
    return { row, column: offset - starts[row] };
  };
  return merged.map(([start, end]) => ({ startIndex: start, endIndex: end, startPosition: point(start), endPosition: point(end) }));
}
