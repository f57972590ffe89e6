/**
 * An edit of a file as review tools want it: positions in their units (UTF-16 for SARIF,
 * UTF-8 bytes for reviewdog and go vet), and whole-line replacements written without their
 * final newline, so a suggestion covers exactly the lines it changes.
 */
import { lineContaining } from '../go/position.js';

export interface TextEdit {
  /** [start, end) in UTF-16 units of the original text, replaced by `text`. */
  start: number;
  end: number;
  text: string;
}

/**
 * The same edit, attached to lines: `a\n` -> `b\n` becomes `a` -> `b` (the newline both
 * keep is left out), and lines inserted before line N become an insertion at the end of
 * line N-1 (`\nnew` after its content). Applying either gives the same text.
 */
export function lineAttached(original: string, e: TextEdit): TextEdit {
  if (e.end > e.start && original[e.end - 1] === '\n' && e.text.endsWith('\n')) return { start: e.start, end: e.end - 1, text: e.text.slice(0, -1) };
  if (e.end === e.start && e.start > 0 && original[e.start - 1] === '\n' && e.text.endsWith('\n')) {
    return { start: e.start - 1, end: e.start - 1, text: '\n' + e.text.slice(0, -1) };
  }
  return e;
}

/** 1-based line and column of offsets in one text, columns in UTF-16 units or UTF-8 bytes. */
export class Positions {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  utf16(offset: number): { line: number; column: number } {
    const l = lineContaining(this.starts, offset);
    return { line: l + 1, column: offset - this.starts[l] + 1 };
  }

  bytes(offset: number): { line: number; column: number } {
    const l = lineContaining(this.starts, offset);
    return { line: l + 1, column: Buffer.byteLength(this.text.slice(this.starts[l], offset), 'utf8') + 1 };
  }
}
