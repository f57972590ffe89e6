/** Offsets (UTF-16 units) to go vet style positions: 1-based line, 1-based byte column. */

export interface Position {
  line: number;
  column: number;
}

/** Columns further than this into a line are counted from the nearest mark (see `marksOf`). */
const CHUNK = 4096;

/**
 * Line and byte-column positions of offsets in one text: build once per file, then each
 * lookup is a binary search. Lines end at '\n' (a '\r' before it is part of the line, as
 * in go vet's columns).
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Long lines: offsets every ~CHUNK units from the line start, and the UTF-8 bytes before each. */
  private readonly marks = new Map<number, { at: number[]; bytes: number[] }>();

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const lo = lineContaining(this.starts, offset);
    const lineStart = this.starts[lo];
    // Go counts columns in bytes of UTF-8; a BOM at the start of the file counts too.
    if (offset - lineStart <= 2 * CHUNK) return { line: lo + 1, column: utf8Length(this.text, lineStart, offset) + 1 };
    // Counting from the line start each time made a one-line file of n findings cost n^2
    // (a 1 MB line: 8 s, 10 MB: minutes); from the nearest mark it is at most 2*CHUNK per finding.
    const m = this.marksOf(lo, lineStart, offset);
    const k = lineContaining(m.at, offset);
    return { line: lo + 1, column: m.bytes[k] + utf8Length(this.text, m.at[k], offset) + 1 };
  }

  /** The marks of a line, extended (once, linearly over the whole run) to cover `offset`. */
  private marksOf(line: number, lineStart: number, offset: number) {
    let m = this.marks.get(line);
    if (!m) this.marks.set(line, (m = { at: [lineStart], bytes: [0] }));
    while (m.at[m.at.length - 1] + CHUNK <= offset) {
      const from = m.at[m.at.length - 1];
      let to = from + CHUNK;
      // Never between the halves of a surrogate pair: each half alone would count 3 bytes.
      if ((this.text.charCodeAt(to) & 0xfc00) === 0xdc00 && (this.text.charCodeAt(to - 1) & 0xfc00) === 0xd800) to++;
      m.bytes.push(m.bytes[m.bytes.length - 1] + utf8Length(this.text, from, to));
      m.at.push(to);
    }
    return m;
  }
}

/** Index of the line containing `offset`, given sorted line start offsets (binary search). */
export function lineContaining(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The number of UTF-8 bytes of `text.slice(start, end)`, as Go counts columns; a lone
 * surrogate counts 3 bytes (it is written as U+FFFD). No Buffer: this runs in browsers too.
 */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
