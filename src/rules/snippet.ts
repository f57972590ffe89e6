/**
 * A Go snippet (a pattern or a replacement) parsed in the context it belongs to: an
 * expression, a statement or statement list, a type, or declarations. Each context wraps the
 * snippet in a tiny file that tree-sitter-go parses; the snippet is in that context when the
 * file has no syntax error and the context's nodes span the whole snippet.
 *
 * The pattern's tree becomes a plain tree of `PNode`s (no WASM memory kept): the parts
 * structural matching compares (src/rules/shape.ts), metavariables and package names marked.
 */
import type { Node, Tree } from '../go/codemod.js';
import { skipLiteral } from '../go/tokens.js';
import { placehold, placeholderVar, SnippetError, type Metavar, type Placeheld } from './metavars.js';
import { ATOMIC, significantChildren, unparen } from './shape.js';

export type SnippetContext = 'expr' | 'stmt' | 'type' | 'decl';
export const CONTEXTS: readonly SnippetContext[] = ['expr', 'stmt', 'type', 'decl'];
const CONTEXT_WORDS: Record<SnippetContext, string> = {
  expr: 'an expression',
  stmt: 'a statement (or statements)',
  type: 'a type',
  decl: 'a declaration (or declarations)',
};

/** What the rule compiler needs of a parser: `GoParser` fits (and so would a browser's). */
export interface SnippetParser {
  parse(source: string): Tree;
}

/** A node of a pattern, as matching compares it. */
export interface PNode {
  type: string;
  named: boolean;
  /** The text, for leaves (compared by text). */
  text: string;
  leaf: boolean;
  /** The field this node holds in its parent. */
  field: string | null;
  kids: PNode[];
  /** A metavariable: the node matches any node (or, multi, any run of sibling nodes). */
  meta?: Metavar;
  /** An import's name in a package position (`ioutil` of `ioutil.ReadFile`): the rule's import key. */
  pkg?: string;
}

/** One way a snippet parses: the context and the nodes it is made of. */
export interface Parsed {
  context: SnippetContext;
  /** The snippet's top nodes (one, or several statements or declarations). */
  nodes: PNode[];
}

const HEAD = 'package p\n';
/** The file each context's snippet is parsed in: the text before it and after it. */
export const WRAP: Record<SnippetContext, [string, string]> = {
  expr: [`${HEAD}var _ = `, '\n'],
  type: [`${HEAD}type _ `, '\n'],
  stmt: [`${HEAD}func _() {\n`, '\n}\n'],
  decl: [HEAD, '\n'],
};

/** Nodes that only wrap a metavariable standing alone: the metavariable stands for them. */
const COLLAPSIBLE = new Set(['expression_statement', 'literal_element', 'parameter_declaration', 'field_declaration', 'type_elem']);
const DECLARATIONS = new Set(['function_declaration', 'method_declaration', 'type_declaration', 'var_declaration', 'const_declaration', 'import_declaration']);
/** Where a name is a package's: a selector's operand, a qualified type's package. */
export const PACKAGE_POSITIONS: Record<string, string> = { selector_expression: 'operand', qualified_type: 'package' };

/**
 * The top nodes of `text` parsed in `context`, or undefined when it does not parse there as
 * a whole (with `error` set to the first problem's offset in `text`).
 */
function parseIn(parser: SnippetParser, text: string, context: SnippetContext): { nodes: Node[]; tree: Tree } | { error: number; tree?: Tree } {
  const [before, after] = WRAP[context];
  const src = before + text + after;
  const tree = parser.parse(src);
  const root = tree.rootNode;
  const [lead, trail] = codeSpan(text);
  const start = before.length + lead;
  const end = before.length + trail;
  if (root.hasError) return { error: Math.max(0, firstError(root) - before.length), tree };
  let nodes: Node[] = [];
  if (context === 'expr' || context === 'type') {
    const spec = root.namedChildren.find((c) => c?.type === (context === 'expr' ? 'var_declaration' : 'type_declaration'))?.namedChildren.find((c) => c?.type !== 'comment');
    const value = context === 'expr' ? spec?.childForFieldName('value') : spec?.childForFieldName('type');
    if (!value) return { error: 0, tree };
    nodes = context === 'expr' ? value.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') : [value];
    if (nodes.length !== 1) return { error: 0, tree };
  } else if (context === 'stmt') {
    const body = root.namedChildren.find((c) => c?.type === 'function_declaration')?.childForFieldName('body');
    nodes = body ? significantChildren(body).filter((c) => c.node.isNamed).map((c) => c.node) : [];
  } else {
    nodes = root.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment' && c.type !== 'package_clause');
    if (!nodes.every((n) => DECLARATIONS.has(n.type))) return { error: 0, tree };
  }
  if (nodes.length === 0) return { error: 0, tree };
  // The context's nodes must hold the whole snippet (comments around them aside).
  const covered = outerStart(nodes[0]) <= start && outerEnd(nodes[nodes.length - 1]) >= end;
  if (!covered) return { error: 0, tree };
  return { nodes, tree };
}

/** Where the code of `text` starts and ends, outside the spaces and comments around it. */
function codeSpan(text: string): [number, number] {
  let first = -1;
  let last = 0;
  for (let i = 0; i < text.length; ) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const end = skipLiteral(text, i);
    const comment = text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*');
    const next = end > i ? end : i + 1;
    if (!comment) {
      if (first < 0) first = i;
      last = next;
    }
    i = next;
  }
  return [Math.max(first, 0), last];
}

/** A node's start with any parentheses around it (unparen'd nodes start inside them). */
function outerStart(n: Node): number {
  let x = n;
  while (x.parent && (x.parent.type === 'parenthesized_expression' || x.parent.type === 'parenthesized_type')) x = x.parent;
  return x.startIndex;
}
function outerEnd(n: Node): number {
  let x = n;
  while (x.parent && (x.parent.type === 'parenthesized_expression' || x.parent.type === 'parenthesized_type')) x = x.parent;
  return x.endIndex;
}

function firstError(root: Node): number {
  let found = root.endIndex;
  const walk = (n: Node) => {
    if (n.startIndex >= found) return;
    if (n.type === 'ERROR' || n.isMissing) {
      found = Math.min(found, n.startIndex);
      return;
    }
    for (const c of n.children) if (c && c.hasError) walk(c);
    if (n.isMissing) found = Math.min(found, n.startIndex);
  };
  walk(root);
  return found;
}

/**
 * Calls `fn` with the top nodes of `source` (metavariables as placeholder names) parsed in
 * `context`, or undefined when it does not parse there; the tree is deleted afterwards.
 */
export function withSnippetNodes<T>(parser: SnippetParser, source: string, context: SnippetContext, fn: (nodes: Node[] | undefined) => T): T {
  const r = parseIn(parser, placehold(source).text, context);
  try {
    return fn('nodes' in r ? r.nodes : undefined);
  } finally {
    r.tree?.delete();
  }
}

/** A pattern or replacement, parsed: the contexts it parses in (usually one). */
export interface Snippet {
  source: string;
  held: Placeheld;
  /** The chosen reading, and (for a bare name, `x` or `pkg.X`) the other one: expr and type. */
  readings: Parsed[];
}

export interface SnippetOptions {
  /** Which context; undefined: detect it. */
  context?: SnippetContext;
  /** Import keys of the rule: names in package positions become `pkg` nodes. */
  imports?: ReadonlySet<string>;
  /** What to call the snippet in errors ("pattern", "replacement"). */
  what: string;
}

/**
 * Parses `source` as a pattern: in the given context, or in the one it parses in. Throws a
 * SnippetError when it parses in none, or in several that would match different code.
 */
export function parseSnippet(parser: SnippetParser, source: string, opts: SnippetOptions): Snippet {
  if (source.trim() === '') throw new SnippetError(`the ${opts.what} is empty`);
  const held = placehold(source);
  const tried = new Map<SnippetContext, ReturnType<typeof parseIn>>();
  try {
    for (const c of opts.context ? [opts.context] : CONTEXTS) tried.set(c, parseIn(parser, held.text, c));
    const ok = [...tried].filter(([, r]) => 'nodes' in r).map(([c]) => c);
    const convert = (c: SnippetContext): Parsed => {
      const r = tried.get(c)! as { nodes: Node[] };
      return { context: c, nodes: r.nodes.map((n) => toPNode(unparen(n), null, held, opts.imports)) };
    };
    if (opts.context) {
      if (!ok.length) throw notIn(held, source, [opts.context], tried, opts.what);
      return { source, held, readings: [convert(opts.context)] };
    }
    let chosen = ok;
    const lone = (c: SnippetContext) => (tried.get(c) as { nodes: Node[] }).nodes;
    // A lone expression statement is the expression; `var x = 1` is a declaration wherever it is.
    if (chosen.includes('stmt') && chosen.includes('expr') && lone('stmt').length === 1 && lone('stmt')[0].type === 'expression_statement') {
      chosen = chosen.filter((c) => c !== 'stmt');
    }
    if (chosen.includes('stmt') && chosen.includes('decl')) chosen = chosen.filter((c) => c !== 'stmt');
    if (chosen.length === 0) throw notIn(held, source, CONTEXTS, tried, opts.what);
    if (chosen.length === 1) return { source, held, readings: [convert(chosen[0])] };
    if (chosen.length === 2 && chosen.includes('expr') && chosen.includes('type') && isBareName(lone('expr')[0])) {
      // `pkg.Name` is a selector where a value is, a qualified type where a type is: both.
      return { source, held, readings: [convert('expr'), convert('type')] };
    }
    throw new SnippetError(
      `the ${opts.what} \`${oneLine(source)}\` is ${chosen.map((c) => CONTEXT_WORDS[c]).join(' and ')}: say which with \`context: ${chosen[0]}\` in a rule file (\`--lang-context ${chosen[0]}\` on the command line); the contexts are ${CONTEXTS.join(', ')}`,
    );
  } finally {
    for (const r of tried.values()) r.tree?.delete();
  }
}

function isBareName(n: Node): boolean {
  const x = unparen(n);
  if (x.type === 'identifier') return true;
  if (x.type !== 'selector_expression') return false;
  const operand = x.childForFieldName('operand');
  return operand !== null && operand.type === 'identifier';
}

function notIn(held: Placeheld, source: string, contexts: readonly SnippetContext[], tried: Map<SnippetContext, ReturnType<typeof parseIn>>, what: string): SnippetError {
  // Point at the first error of the reading that got furthest.
  let best = -1;
  for (const c of contexts) {
    const r = tried.get(c);
    if (r && 'error' in r) best = Math.max(best, r.error);
  }
  const end = source.trimEnd().length;
  const offset = best >= 0 ? Math.min(originalOffset(held, best), Math.max(0, end - 1)) : undefined;
  const near = offset === undefined ? '' : oneLine(source.slice(offset, offset + 20));
  const where = offset === undefined ? '' : near === '' || offset >= end - 1 ? ' (at its end)' : ` (near \`${near}\`)`;
  return new SnippetError(`the ${what} \`${oneLine(source)}\` does not parse as ${contexts.map((c) => CONTEXT_WORDS[c]).join(', or ')}${where}`, offset);
}

/** An offset in the placeholder text back to the snippet as written. */
export function originalOffset(held: Placeheld, at: number): number {
  let delta = 0;
  for (const s of held.spots) {
    const placeStart = s.start + delta;
    if (at < placeStart) break;
    if (at < placeStart + s.placeholder.length) return s.start;
    delta += s.placeholder.length - (s.end - s.start);
  }
  return at - delta;
}

export function oneLine(s: string): string {
  const t = s.trim().replace(/\s*\n\s*/g, ' ');
  return t.length > 60 ? t.slice(0, 57) + '...' : t;
}

function toPNode(node: Node, field: string | null, held: Placeheld, imports: ReadonlySet<string> | undefined, parentType?: string): PNode {
  const leaf = node.childCount === 0 || ATOMIC.has(node.type);
  const p: PNode = { type: node.type, named: node.isNamed, text: leaf ? node.text : '', leaf, field, kids: [] };
  if (leaf) {
    const meta = node.isNamed ? placeholderVar(node.text, held.vars) : undefined;
    if (meta) p.meta = meta;
    else if (imports?.has(node.text) && parentType && PACKAGE_POSITIONS[parentType] === field) p.pkg = node.text;
    return p;
  }
  p.kids = significantChildren(node).map((c) => toPNode(c.node, c.field, held, imports, node.type));
  if (COLLAPSIBLE.has(node.type) && p.kids.length === 1 && p.kids[0].meta && node.text.trim() === p.kids[0].text) {
    return { ...p.kids[0], field };
  }
  return p;
}

/** Every metavariable of a snippet's tree. */
export function metavarsOf(nodes: readonly PNode[]): Metavar[] {
  const out: Metavar[] = [];
  const walk = (p: PNode) => {
    if (p.meta && !out.includes(p.meta)) out.push(p.meta);
    p.kids.forEach(walk);
  };
  nodes.forEach(walk);
  return out;
}
