/**
 * Small questions about Go syntax trees that codemods ask again and again: the expression
 * inside parentheses, a call's arguments, whether a call is `pkg.Name(...)`, comments inside
 * a range, the indentation of a line. Pure functions of the tree and the text.
 */
import type { Node } from './codemod.js';

/** The operator token of a unary or binary expression (`*`, `&`, `<-`, `==`, ...). */
export function operatorOf(node: Node): string | undefined {
  return node.childForFieldName('operator')?.type;
}

/** The expression inside any number of parentheses. */
export function unparen(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression') {
    const inner = n.namedChildren.find((c) => c?.type !== 'comment');
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** Whether `child` is (one of) `parent`'s children under the field name `field`. */
export function isField(parent: Node, field: string, child: Node): boolean {
  return parent.childrenForFieldName(field).some((c) => c?.id === child.id);
}

/** The arguments of a call, or undefined for a call with `...` or comments among them. */
export function callArgs(call: Node): Node[] | undefined {
  const list = call.childForFieldName('arguments');
  if (!list) return undefined;
  if (list.children.some((c) => c?.type === '...')) return undefined;
  return list.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** `q.Name(args)`: the call's arguments when its function is the selector `q.Name`. */
export function qualifiedCall(node: Node, qualifier: string | undefined, name: string): Node[] | undefined {
  if (qualifier === undefined || node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const operand = fn.childForFieldName('operand');
  const field = fn.childForFieldName('field');
  if (operand?.type !== 'identifier' || operand.text !== qualifier || field?.text !== name) return undefined;
  return callArgs(node);
}

/** `name(args)` for a predeclared function or type name. */
export function plainCall(node: Node, name: string): Node[] | undefined {
  if (node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'identifier' || fn.text !== name) return undefined;
  return callArgs(node);
}

/** Node types of functions: declarations, methods and literals. */
export const FUNCTION_NODE_TYPES: ReadonlySet<string> = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Identifier tokens of a node's text (the node's own identifiers, excluding field names after a dot). */
export function mentions(node: Node, name: string): boolean {
  if ((node.type === 'identifier' || node.type === 'type_identifier' || node.type === 'package_identifier') && node.text === name) return true;
  return node.namedChildren.some((c) => c !== null && mentions(c, name));
}

/** The top-level declaration holding `node`. */
export function enclosingTopLevel(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== 'source_file') n = n.parent;
  return n;
}

/** The nearest enclosing function (declaration or literal). */
export function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (FUNCTION_NODE_TYPES.has(p.type)) return p;
  return undefined;
}

/** Whether `word` occurs as a whole word in `text` (code, comments or strings alike). */
export function hasWord(text: string, word: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{Nd}_])${word}(?![\\p{L}\\p{Nd}_])`, 'u').test(text);
}

/** Indentation of the line holding `at` (its leading spaces and tabs). */
export function indentAt(source: string, at: number): string {
  const start = source.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(source.slice(start, at))![0];
}

/** Whether only spaces and tabs precede `at` on its line. */
export function startsLine(source: string, at: number): boolean {
  const start = source.lastIndexOf('\n', at - 1) + 1;
  return source.slice(start, at).trim() === '';
}

/** Comment nodes strictly inside [start, end). */
export function commentsIn(root: Node, start: number, end: number): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (n.endIndex <= start || n.startIndex >= end) return;
    if (n.type === 'comment') {
      if (n.startIndex >= start && n.endIndex <= end) out.push(n);
      return;
    }
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(root);
  return out;
}
