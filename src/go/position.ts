/** Offsets (UTF-16 units) to go vet style positions: 1-based line, 1-based byte column. */

export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const lo = lineContaining(this.starts, offset);
    const lineStart = this.starts[lo];
    // Go counts columns in bytes of UTF-8; a BOM at the start of the file counts too.
    const column = Buffer.byteLength(this.text.slice(lineStart, offset), 'utf8') + 1;
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
