/**
 * What structural matching compares: a node's "significant" children. Go ignores layout,
 * comments and redundant parentheses, and the tree says all the grouping that punctuation
 * says, so a node is compared by its type and these children only:
 *
 * - comments are skipped;
 * - punctuation (`(`, `)`, `{`, `}`, `[`, `]`, `,`, `;`, `.`, newlines) is skipped: the
 *   tree's shape already holds what it says (`a, b,` and `a, b` are the same list);
 * - a parenthesized expression or type stands for what it holds: `(x)` is `x`, and
 *   `(a + b) * c` still differs from `a + b * c` by the shape of the tree;
 * - a `statement_list` is spliced into its block, so an empty block (which has none) and a
 *   block of zero statements compare equal.
 *
 * Operators, keywords and `:` (which tells `x[a:]` from `x[:a]`) are kept. Literals and
 * names are compared by their text.
 */
import type { Node } from '../go/codemod.js';

/** Anonymous tokens that say nothing the tree's shape does not. */
const PUNCTUATION = new Set(['(', ')', '{', '}', '[', ']', ',', ';', '.', '\n', '"', '`', "'"]);

/** Nodes compared by their whole text (their children are pieces of one token). */
export const ATOMIC = new Set([
  'interpreted_string_literal',
  'raw_string_literal',
  'rune_literal',
  'int_literal',
  'float_literal',
  'imaginary_literal',
]);

/** Nodes that only wrap what they hold. */
const PARENS = new Set(['parenthesized_expression', 'parenthesized_type']);

/**
 * Node types that can stand in parentheses Go ignores: expressions and types (the
 * `_expression` and `_type` supertypes of tree-sitter-go 0.25; test/rules.test.ts checks
 * this list against the grammar's node-types.json).
 */
export const PARENTHESIZABLE = new Set([
  'binary_expression',
  'call_expression',
  'composite_literal',
  'false',
  'float_literal',
  'func_literal',
  'identifier',
  'imaginary_literal',
  'index_expression',
  'int_literal',
  'interpreted_string_literal',
  'iota',
  'nil',
  'raw_string_literal',
  'rune_literal',
  'selector_expression',
  'slice_expression',
  'true',
  'type_assertion_expression',
  'type_conversion_expression',
  'type_instantiation_expression',
  'unary_expression',
  'array_type',
  'channel_type',
  'function_type',
  'generic_type',
  'interface_type',
  'map_type',
  'negated_type',
  'pointer_type',
  'qualified_type',
  'slice_type',
  'struct_type',
  'type_identifier',
]);

/** Whether a node is compared by its text alone. */
export function isLeaf(node: Node): boolean {
  return node.childCount === 0 || ATOMIC.has(node.type);
}

/** The node a parenthesized expression or type stands for (itself when it is none). */
export function unparen(node: Node): Node {
  let n = node;
  while (PARENS.has(n.type)) {
    const inner = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** A significant child, with the field it holds in its parent (null: none). */
export interface Child {
  node: Node;
  field: string | null;
}

/** The children structural matching compares (see the top of this module). */
export function significantChildren(node: Node): Child[] {
  const out: Child[] = [];
  const count = node.childCount;
  for (let i = 0; i < count; i++) {
    const c = node.child(i);
    if (!c || c.type === 'comment') continue;
    if (!c.isNamed) {
      if (!PUNCTUATION.has(c.type)) out.push({ node: c, field: node.fieldNameForChild(i) });
      continue;
    }
    if (c.type === 'statement_list') {
      out.push(...significantChildren(c));
      continue;
    }
    out.push({ node: unparen(c), field: node.fieldNameForChild(i) });
  }
  return out;
}

/** Whether two nodes are the same code, ignoring layout, comments and redundant parentheses. */
export function sameCode(a: Node, b: Node): boolean {
  const x = unparen(a);
  const y = unparen(b);
  if (x.type !== y.type) return false;
  if (isLeaf(x) || isLeaf(y)) return isLeaf(x) && isLeaf(y) && x.text === y.text;
  const xs = significantChildren(x);
  const ys = significantChildren(y);
  return xs.length === ys.length && xs.every((c, i) => c.field === ys[i].field && sameCode(c.node, ys[i].node));
}
