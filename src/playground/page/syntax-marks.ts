/**
 * Where tree-sitter could not parse the source, as editor diagnostics: each ERROR node
 * (what it could not place), each MISSING token (a zero-width mark where it is expected),
 * and an unterminated comment or raw string (src/engine/syntax-errors.ts). These are the
 * regions near which the engine refuses fixes.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { unterminatedAt } from '../../engine/syntax-errors.js';
import type { Diagnostic } from './editors.js';

export function syntaxDiagnostics(tree: Tree, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const open = unterminatedAt(text);
  if (open >= 0) out.push({ from: open, to: text.length, severity: 'error', source: 'syntax', message: 'syntax error: this comment or raw string is never closed' });
  if (!tree.rootNode.hasError) return out;
  const visit = (node: Node) => {
    if (node.isMissing) {
      out.push({ from: node.startIndex, to: node.startIndex, severity: 'error', source: 'syntax', message: `syntax error: missing ${node.type}` });
      return;
    }
    if (node.isError) {
      const what = node.text.length > 40 ? node.text.slice(0, 39) + '…' : node.text;
      out.push({ from: node.startIndex, to: Math.max(node.endIndex, node.startIndex + 1), severity: 'error', source: 'syntax', message: `syntax error: tree-sitter cannot read ${JSON.stringify(what)} here` });
    }
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) visit(child);
  };
  visit(tree.rootNode);
  return out;
}
