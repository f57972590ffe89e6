/**
 * The tree of a text made by edits of another whose tree we have: tree-sitter's incremental
 * parse, which reuses every part of the old tree the edits left alone. The engine parses each
 * round's result to check it (src/engine/unit-run.ts); a full parse of a large file for a
 * one-line edit cost as much as the codemods' own parse of it.
 *
 * Used only where it cannot change an answer the engine gives: the old tree has no error, and
 * the new one is taken only when it has none either (tree-sitter reuses no subtree across an
 * error it must recover from differently; a new tree with an error is parsed again in full, so
 * counting error regions sees exactly what a fresh parse sees). The result is also parsed by
 * Go's own parser (gofmt) before it is kept.
 */
import type { Edit } from '../go/codemod.js';
import type { GoParser } from '../go/parser.js';
import type { Point, Tree } from 'web-tree-sitter';
import { lineContaining } from '../go/position.js';

export function parseEdited(parser: GoParser, oldText: string, oldTree: Tree, edits: readonly Edit[], newText: string): Tree {
  if (oldTree.rootNode.hasError) return parser.parse(newText);
  const lines = lineStarts(oldText);
  // Columns in UTF-16 units, as web-tree-sitter counts them in a tree of a JS string.
  const pointAt = (offset: number): Point => {
    const row = lineContaining(lines, offset);
    return { row, column: offset - lines[row] };
  };
  const edited = oldTree.copy();
  try {
    // In the order applyEdits applies them, last first: each edit's offsets in the old text
    // still hold when it is made, since only text after it has changed.
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = sorted.length - 1; i >= 0; i--) {
      const e = sorted[i];
      const startPosition = pointAt(e.start);
      const nl = e.text.lastIndexOf('\n');
      const newEndPosition =
        nl < 0
          ? { row: startPosition.row, column: startPosition.column + e.text.length }
          : { row: startPosition.row + countNewlines(e.text), column: e.text.length - nl - 1 };
      parser.edit(edited, { startIndex: e.start, oldEndIndex: e.end, newEndIndex: e.start + e.text.length, startPosition, oldEndPosition: pointAt(e.end), newEndPosition });
    }
    const tree = parser.parse(newText, undefined, edited);
    if (!tree.rootNode.hasError) return tree;
    tree.delete();
  } finally {
    edited.delete();
  }
  return parser.parse(newText);
}

/** Every line start, one after a final newline included (src/output/changes.ts's `lineStarts` leaves that one out): an edit at the very end is at the start of that line. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
