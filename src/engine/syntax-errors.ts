/** Regions of a tree that tree-sitter could not parse: ERROR nodes and MISSING tokens. */
import type { Node, Tree } from 'web-tree-sitter';
import { lineContaining } from '../go/position.js';

export interface ErrorRegion {
  start: number;
  end: number;
  kind: 'error' | 'missing';
  /** 1-based line of the region's start, for messages. */
  line: number;
}

/** `text` is the source the tree was parsed from (offsets are indices into it). */
export function errorRegions(tree: Tree, text: string): ErrorRegion[] {
  const out: ErrorRegion[] = [];
  // Go's scanner reads everything after an unterminated /* or ` as comment or string text;
  // tree-sitter recovers and parses what follows as code (or reads `a /* b` as a / *b).
  const open = unterminatedAt(text);
  if (open >= 0) {
    const lineStart = text.lastIndexOf('\n', open - 1) + 1;
    out.push({ start: lineStart, end: text.length, kind: 'error', line: lineNumber(text, open) });
  }
  if (!tree.rootNode.hasError) return out;
  // Line starts, found once: searching back and forth from each region made a long line
  // with many errors cost (errors x line length).
  let starts: number[] | undefined;
  const lineOf = (offset: number) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    const k = lineContaining(starts, offset);
    return { start: starts[k], end: k + 1 < starts.length ? starts[k + 1] - 1 : text.length };
  };
  // Descend only into subtrees that contain an error: error-free files cost one flag read.
  const visit = (node: Node) => {
    if (node.isError || node.isMissing) {
      // A missing token is zero-width; the construct it leaves incomplete is what is unsafe.
      // Where the parser recovered is a guess, so the whole lines it touches are unsafe too
      // (in `var X interface{} = ` the ERROR is only the `=`).
      const region = node.isMissing ? enclosingConstruct(node) : node;
      out.push({
        start: Math.min(region.startIndex, lineOf(region.startIndex).start),
        end: Math.max(region.endIndex, lineOf(region.endIndex).end),
        kind: node.isMissing ? 'missing' : 'error',
        line: node.startPosition.row + 1,
      });
      if (node.isMissing) return;
    }
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) visit(child);
  };
  visit(tree.rootNode);
  return out;
}

/** True when [start, end) touches a region; a zero-width edit touches a region it borders. */
export function touchesRegion(start: number, end: number, regions: readonly ErrorRegion[]): ErrorRegion | undefined {
  return regions.find((r) => start <= r.end && end >= r.start);
}

/** The statement, declaration or spec around a node (or its parent when there is none). */
function enclosingConstruct(node: Node): Node {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (/(_statement|_declaration|_spec|_clause|_case)$/.test(n.type)) return n;
  }
  return node.parent ?? node;
}

/**
 * Where a block comment or raw string that never ends starts, or -1: one pass of Go's
 * lexical rules for comments and literals. (An interpreted string or rune ends at the end of
 * its line, where tree-sitter sees the error too.)
 */
export function unterminatedAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2f /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x2f) {
        const nl = text.indexOf('\n', i + 2);
        if (nl < 0) return -1;
        i = nl;
      } else if (next === 0x2a /* * */) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) return i;
        i = close + 1;
      }
    } else if (c === 0x60 /* ` */) {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return i;
      i = close;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === c || d === 0x0a) break;
        if (d === 0x5c /* \\ */ && text.charCodeAt(i + 1) !== 0x0a) i++;
      }
    }
  }
  return -1;
}

function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
