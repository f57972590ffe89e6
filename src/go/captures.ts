/**
 * Captures of a query match by name: `captures(m).call` instead of
 * `m.captures.find((c) => c.name === 'call')!.node` in every codemod.
 */
import type { Node, QueryMatch } from './codemod.js';

/**
 * The match's captures as an object from capture name to node. A name captured more than
 * once in one match maps to its first node; use `captureAll` for all of them. (Tree-sitter
 * gives one match per node for a lone quantified node, `(argument_list (_)* @arg)`, and one
 * match holding them all for a quantified group, `(argument_list ((_) @arg ","?)*)`.) A name the pattern declares but this match did not capture
 * (an optional part, `?`) is absent: its property is `undefined`.
 *
 *     const { call, args } = captures(m);
 */
export function captures(match: QueryMatch): Record<string, Node> {
  const out: Record<string, Node> = Object.create(null);
  for (const c of match.captures) if (!(c.name in out)) out[c.name] = c.node;
  return out;
}

/** Every node the match captured under `name`, in document order (none: an empty array). */
export function captureAll(match: QueryMatch, name: string): Node[] {
  return match.captures.filter((c) => c.name === name).map((c) => c.node).sort((a, b) => a.startIndex - b.startIndex);
}
