/**
 * The parts of a Go file that can hold a query match containing one of `needles`: each
 * top-level declaration (src/go/toplevel.ts) in which a needle occurs, or, for an
 * occurrence between declarations (a comment), the whole gap (a declaration's range starts
 * with the separator before it: see `declStart`). Tree-sitter parses just these
 * with `includedRanges`, in the file's own coordinates, so nodes keep their offsets.
 * Top-level Go declarations parse on their own: none depends on its neighbours' syntax.
 */
import type { Range } from 'web-tree-sitter';
import type { TopLevel } from '../go/toplevel.js';
import { lineContaining } from '../go/position.js';

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
        spans.push([declStart(text, decls, k), decls[k].end]);
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
  // Nothing before the first range to keep apart from: a `;` there would parse as an error.
  if (merged.length && text[merged[0][0]] === ';' && merged[0][1] > merged[0][0] + 1) merged[0][0]++;
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const point = (offset: number) => {
    const row = lineContaining(starts, offset);
    return { row, column: offset - starts[row] };
  };
  return merged.map(([start, end]) => ({ startIndex: start, endIndex: end, startPosition: point(start), endPosition: point(end) }));
}

/**
 * Where declaration k's range starts: at the separator before its keyword. tree-sitter's
 * lexer reads on from the end of one included range into the next, so a range ending
 * `var a = x` followed by one starting `var b = x` would lex one identifier `xvar` (and
 * `0x1` + `func` the number `0x1f`); and without a newline or `;` between them two
 * declarations do not parse. A declaration ends at the end of a token and the next starts
 * after a newline or `;` (then blanks): starting at that separator (a newline is skipped as
 * a blank there: the tree still starts at the keyword) keeps tokens whole and declarations
 * apart. After a block comment (`/* c *\/var`) or at the start of the file, the range starts
 * with the whole gap before the declaration.
 */
function declStart(text: string, decls: TopLevel['decls'], k: number): number {
  let i = decls[k].start;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\r')) i--;
  if (i > 0 && (text[i - 1] === '\n' || text[i - 1] === ';')) return i - 1;
  return k > 0 ? decls[k - 1].end : 0;
}
