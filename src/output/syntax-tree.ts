/**
 * A syntax tree as text, for authors learning the grammar (`gocodemod tree`): one node a
 * line, indented by depth, with its field name, type, position and source text:
 *
 *     function_declaration 3:1-5:2 "func f() { … }"
 *       name: identifier 3:6-3:7 "f"
 *       body: block 3:10-5:2 "{ … }"
 *
 * Named nodes are shown, and the unnamed ones a query can name: those with a field
 * (`operator: "!="`), missing ones, and captured ones. Positions are 1-based lines and byte
 * columns, as gocodemod prints positions in Go files; the end is exclusive.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { LineIndex } from '../go/position.js';
import type { Colors } from './printers.js';

export interface TreeTextOptions {
  /** Only nodes that touch these lines (1-based, inclusive), with the nodes that contain them. */
  lines?: { first: number; last: number };
  /** Capture names by node id: shown as `@name` after the node. */
  captures?: ReadonlyMap<number, readonly string[]>;
  colors: Colors;
}

const paint = (c: Colors, code: string, s: string) => (c.enabled ? `\x1b[${code}m${s}\x1b[0m` : s);

export function syntaxTreeText(tree: Tree, source: string, opts: TreeTextOptions): string {
  const index = new LineIndex(source);
  const out: string[] = [];
  const pos = (offset: number) => {
    const p = index.position(offset);
    return `${p.line}:${p.column}`;
  };
  const touches = (node: Node) => {
    if (!opts.lines) return true;
    const first = node.startPosition.row + 1;
    // A node that ends at the start of a line (after its newline) does not reach into it.
    const last = node.endPosition.row + (node.endPosition.column === 0 && node.endPosition.row > node.startPosition.row ? 0 : 1);
    return first <= opts.lines.last && last >= opts.lines.first;
  };
  const visit = (node: Node, field: string | null, depth: number) => {
    if (!touches(node)) return;
    const captured = opts.captures?.get(node.id);
    const shown = isShownNode(node, field, captured !== undefined);
    if (shown) out.push('  '.repeat(depth) + nodeLine(node, field, captured, pos, opts.colors));
    const children = node.children;
    for (let i = 0; i < children.length; i++) visit(children[i], node.fieldNameForChild(i), shown ? depth + 1 : depth);
  };
  visit(tree.rootNode, null, 0);
  return out.length ? out.join('\n') + '\n' : '';
}

/** Whether the tree shows a node: named ones, and the unnamed ones a query can name (with a field, missing, or captured). */
export function isShownNode(node: Node, field: string | null, captured: boolean): boolean {
  return node.isNamed || node.isMissing || field !== null || captured;
}

/** A node's label: its type, `"!="` for an unnamed one, `ERROR`, `MISSING type`; and whether it marks a syntax error. */
export function nodeLabel(node: Node): { text: string; kind: 'error' | 'named' | 'unnamed' } {
  if (node.isMissing) return { text: `MISSING ${node.isNamed ? node.type : JSON.stringify(node.type)}`, kind: 'error' };
  if (node.isError) return { text: 'ERROR', kind: 'error' };
  return node.isNamed ? { text: node.type, kind: 'named' } : { text: JSON.stringify(node.type), kind: 'unnamed' };
}

function nodeLine(node: Node, field: string | null, captured: readonly string[] | undefined, pos: (offset: number) => string, colors: Colors): string {
  const { text: labelText, kind } = nodeLabel(node);
  const label = kind === 'error' ? paint(colors, '31', labelText) : kind === 'named' ? paint(colors, '1', labelText) : labelText;
  const where = paint(colors, '2', `${pos(node.startIndex)}-${pos(node.endIndex)}`);
  // An unnamed node's type is its text; a missing one has none.
  const text = node.isNamed && !node.isMissing ? ' ' + shortText(node.text) : '';
  const marks = captured ? '  ' + paint(colors, '33', captured.map((c) => `@${c}`).join(' ')) : '';
  return `${field ? field + ': ' : ''}${label} ${where}${text}${marks}`;
}

/** A node's text on one line, quoted (see `oneLine`). */
export function shortText(text: string, max = 60): string {
  return JSON.stringify(oneLine(text, max));
}

/**
 * A text on one line: a text of several lines becomes its first and last lines around
 * ` … `, and anything longer than `max` is cut with `…` (never inside a surrogate pair).
 */
export function oneLine(text: string, max: number): string {
  // Without splitting the whole text: a node can be most of a large file, and every
  // ancestor of a node is shortened too.
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const firstBreak = text.indexOf('\n');
  let s: string;
  if (firstBreak < 0 || firstBreak >= end) s = text.slice(0, end);
  else {
    const lastStart = text.lastIndexOf('\n', end - 1) + 1;
    s = `${text.slice(0, firstBreak).trimEnd()} … ${text.slice(lastStart, end).trim()}`;
  }
  if (s.length > max) {
    let cut = max - 1;
    if (/[\ud800-\udbff]/.test(s[cut - 1])) cut--;
    s = s.slice(0, cut) + '…';
  }
  return s;
}
