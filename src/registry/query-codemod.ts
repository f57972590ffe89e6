/**
 * A tree-sitter query as a codemod that reports its captures and fixes nothing: what
 * `gocodemod query` runs over files, and the playground over its pane's query. Each finding's
 * message is the capture's name and its text on one line (`captureOf` reads it back).
 */
import { defineCodemod, type Codemod, type QueryMatch } from '../go/codemod.js';
import { oneLine } from '../output/syntax-tree.js';

/** Longer than `tree`'s texts: here the text is the point of the line. */
const TEXT_MAX = 120;

export function queryCodemod(query: string): Codemod {
  return defineCodemod({
    name: 'query',
    description: 'the captures of the query given to gocodemod query',
    query,
    run(ctx) {
      for (const m of inDocumentOrder(ctx.matches())) {
        for (const c of [...m.captures].sort((x, y) => x.node.startIndex - y.node.startIndex)) {
          ctx.report({ start: c.node.startIndex, end: c.node.endIndex, message: `${c.name}\0${oneLine(c.node.text, TEXT_MAX)}` });
        }
      }
    },
  });
}

/** The capture a finding of `queryCodemod` reports: its name and its text on one line. */
export function captureOf(message: string): { name: string; text: string } {
  const [name, text] = message.split('\0');
  return { name, text: text ?? '' };
}

/** Matches by where they start (their first capture), ties in the order tree-sitter found them. */
function inDocumentOrder(matches: QueryMatch[]): QueryMatch[] {
  const start = (m: QueryMatch) => Math.min(...m.captures.map((c) => c.node.startIndex));
  return matches.map((m, i) => ({ m, i, s: start(m) })).sort((x, y) => x.s - y.s || x.i - y.i).map((x) => x.m);
}
