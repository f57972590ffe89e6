/** Offsets (UTF-16 units) to go vet style positions: 1-based line, 1-based byte column. */

export interface Position {
  line: number;
  column: number;
}

/**
 * Line and byte-column positions of offsets in one text: build once per file, then each
 * lookup is a binary search. Lines end at '\n' (a '\r' before it is part of the line, as
 * in go vet's columns).
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const lo = lineContaining(this.starts, offset);
    const lineStart = this.starts[lo];
    // Go counts columns in bytes of UTF-8; a BOM at the start of the file counts too.
    const column = utf8Length(this.text, lineStart, offset) + 1;
    return { line: lo + 1, column };
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
