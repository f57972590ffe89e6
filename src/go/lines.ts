/**
 * Deleting whole lines of Go source the way a person would: the line goes with its newline,
 * and a blank line that the deletion leaves in an odd place (at the top of the file, after
 * another blank line, right after an opening brace) goes too.
 */
import type { Edit } from './codemod.js';

/** [start, end) of the line holding `offset`, its newline included. */
export function lineSpan(source: string, offset: number): { start: number; end: number } {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  const nl = source.indexOf('\n', offset);
  return { start, end: nl < 0 ? source.length : nl + 1 };
}

const isBlank = (line: string) => line.trim() === '';
const opensBlock = (line: string) => /[{(]\s*$/.test(line);

/**
 * Edits that delete the lines holding `offsets`: one edit per line, [lineStart, nextLineStart)
 * (so two codemods deleting the same line make the same edit, which the engine applies once),
 * plus one per blank line the deletions would leave at the top of the file, after another
 * blank line or right after a line that opens a block. gofmt keeps such blank lines; nobody
 * writes them.
 */
export function deleteLines(source: string, offsets: readonly number[]): Edit[] {
  if (offsets.length === 0) return [];
  const spans = new Map<number, { start: number; end: number }>();
  for (const o of offsets) {
    const s = lineSpan(source, o);
    spans.set(s.start, s);
  }
  const deleted = [...spans.values()].sort((a, b) => a.start - b.start);
  const edits: Edit[] = deleted.map((s) => ({ start: s.start, end: s.end, text: '' }));

  // Walk from the line before the first deletion to the line after the last one.
  const first = deleted[0].start;
  let at = first === 0 ? 0 : lineSpan(source, first - 1).start;
  const stop = deleted[deleted.length - 1].end;
  let lastKept: string | null = null; // the top of the file, until a kept line is seen
  let sawDeleted = false;
  while (at < source.length) {
    const span = lineSpan(source, at);
    const text = source.slice(span.start, span.end);
    if (spans.has(span.start)) {
      sawDeleted = true;
    } else {
      if (sawDeleted && isBlank(text) && (lastKept === null || isBlank(lastKept) || opensBlock(lastKept))) {
        edits.push({ start: span.start, end: span.end, text: '' });
      } else {
        lastKept = text;
      }
      sawDeleted = false;
      if (span.start >= stop) break;
    }
    at = span.end;
  }
  return edits.sort((a, b) => a.start - b.start);
}
