/**
 * The replacement of a rule: a Go snippet whose metavariables are filled with the code they
 * captured, whose package names are the file's names for those packages, re-indented to
 * where the match is. Checked once when the rule loads: it must parse in the pattern's
 * context with placeholders for the captures, and use only metavariables the pattern
 * captures.
 */
import type { Node } from '../go/codemod.js';
import { indentAt } from '../go/syntax.js';
import { placehold, SnippetError, type Metavar } from './metavars.js';
import { nodePrecedence, requiredPrecedence } from './precedence.js';
import { PACKAGE_POSITIONS, parseSnippet, WRAP, type SnippetContext, type SnippetParser } from './snippet.js';
import type { Bindings } from './match.js';

/** A part of the replacement: text, a metavariable's capture, or a package's name. */
type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string; multi: boolean; required: number; cut?: [number, number] }
  | { kind: 'pkg'; key: string };

export interface Template {
  source: string;
  /** The placeholder text and its segments, in order, with their [start, end) in that text. */
  text: string;
  segments: (Segment & { start: number; end: number })[];
  /** Metavariables the replacement uses: their captures are kept, comments in them too. */
  uses: Set<string>;
  /** Import keys the replacement names in package positions. */
  packages: Set<string>;
  /** Precedence of the replacement's expression (7 when not an expression). */
  precedence: number;
}

/**
 * Compiles the replacement `source` for a pattern of `context` whose metavariables are
 * `captured`. Throws a SnippetError naming the problem.
 */
export function compileTemplate(parser: SnippetParser, source: string, contexts: readonly SnippetContext[], captured: readonly Metavar[], imports: ReadonlySet<string>): Template {
  const held = placehold(source);
  for (const s of held.spots) {
    const m = s.metavar;
    if (m.anonymous) throw new SnippetError(`${m.multi ? '$$$' : '$_'} matches without capturing: the replacement cannot use it`, s.start);
    const c = captured.find((x) => !x.anonymous && x.name === m.name);
    if (!c) throw new SnippetError(`$${m.multi ? '$$' : ''}${m.name} is not captured by the pattern${captured.some((x) => !x.anonymous) ? ` (it captures ${captured.filter((x) => !x.anonymous).map((x) => `$${x.multi ? '$$' : ''}${x.name}`).join(', ')})` : ''}`, s.start);
    if (c.multi !== m.multi) throw new SnippetError(`$${m.name} is captured as ${c.multi ? '$$$' : '$'}${m.name} by the pattern`, s.start);
  }
  let lastError: unknown;
  for (const context of contexts) {
    try {
      parseSnippet(parser, source, { context, what: 'replacement', imports });
    } catch (e) {
      lastError = e;
      continue;
    }
    return build(parser, source, context, imports);
  }
  throw lastError;
}


function build(parser: SnippetParser, source: string, context: SnippetContext, imports: ReadonlySet<string>): Template {
  const held = placehold(source);
  const [before, after] = WRAP[context];
  const offset = before.length;
  const tree = parser.parse(before + held.text + after);
  try {
    const parts: (Segment & { start: number; end: number })[] = [];
    const uses = new Set<string>();
    const packages = new Set<string>();
    const walk = (n: Node) => {
      if (n.endIndex <= offset || n.startIndex >= offset + held.text.length) return;
      if (n.childCount === 0 && n.isNamed) {
        const meta = held.vars.get(n.text);
        const parent = n.parent;
        const field = fieldOf(n);
        if (meta) {
          uses.add(meta.name);
          const required = requiredPrecedence(parent?.type, field, parent?.childForFieldName('operator')?.type);
          const seg: Segment = { kind: 'var', name: meta.name, multi: meta.multi, required };
          if (meta.multi) seg.cut = emptyCut(n, held.text, offset);
          parts.push({ ...seg, start: n.startIndex - offset, end: n.endIndex - offset });
        } else if (imports.has(n.text) && parent && PACKAGE_POSITIONS[parent.type] === field) {
          packages.add(n.text);
          parts.push({ kind: 'pkg', key: n.text, start: n.startIndex - offset, end: n.endIndex - offset });
        }
        return;
      }
      for (const c of n.children) if (c) walk(c);
    };
    walk(tree.rootNode);
    parts.sort((a, b) => a.start - b.start);
    const segments: Template['segments'] = [];
    let at = 0;
    for (const p of parts) {
      if (p.start > at) segments.push({ kind: 'text', text: held.text.slice(at, p.start), start: at, end: p.start });
      segments.push(p);
      at = p.end;
    }
    if (at < held.text.length) segments.push({ kind: 'text', text: held.text.slice(at), start: at, end: held.text.length });
    let precedence = 7;
    if (context === 'expr') {
      const value = tree.rootNode.namedChildren.find((c) => c?.type === 'var_declaration')?.namedChildren[0]?.childForFieldName('value')?.namedChildren[0];
      if (value) precedence = nodePrecedence(value);
    }
    return { source, text: held.text, segments, uses, packages, precedence };
  } finally {
    tree.delete();
  }
}

function fieldOf(n: Node): string | null {
  const parent = n.parent;
  if (!parent) return null;
  for (let i = 0; i < parent.childCount; i++) if (parent.child(i)?.id === n.id) return parent.fieldNameForChild(i);
  return null;
}

/**
 * What to delete, in the placeholder text, when a `$$$X` captured nothing: the separator
 * after it (`$$$X, y` -> `y`) or before it (`x, $$$X` -> `x`), or its line when it stands
 * alone on one (a statement).
 */
function emptyCut(n: Node, text: string, offset: number): [number, number] {
  // The node that stands for the metavariable: its wrappers that hold nothing else.
  let x = n;
  while (x.parent && x.parent.text.trim() === n.text && x.parent.type !== 'source_file') x = x.parent;
  const start = x.startIndex - offset;
  const end = x.endIndex - offset;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '' && (lineStart > 0 || lineEnd < text.length)) {
    return [lineStart, nl < 0 ? text.length : nl + 1];
  }
  const next = x.nextSibling;
  if (next?.type === ',') {
    const after = next.nextSibling;
    return [start, after ? after.startIndex - offset : next.endIndex - offset];
  }
  const prev = x.previousSibling;
  if (prev?.type === ',') return [prev.startIndex - offset, end];
  return [start, end];
}

/** What rendering needs of the place of the match. */
export interface RenderSite {
  source: string;
  /** Where the replacement goes (the match's start). */
  start: number;
  /** The file's name for each import key the replacement uses. */
  qualifiers: ReadonlyMap<string, string>;
}

/**
 * The replacement for one match: captures filled in (in parentheses where precedence needs
 * them), package names as the file has them, and each new line indented as the match's
 * line, continuation lines of a capture shifted with it.
 */
export function render(t: Template, b: Bindings, site: RenderSite): string {
  const base = indentAt(site.source, site.start);
  const cuts = t.segments.filter((s) => s.kind === 'var' && s.multi && (b.get(s.name)?.length ?? 0) === 0 && s.cut).map((s) => (s as { cut: [number, number] }).cut);
  const cutAt = (i: number) => cuts.some(([a, z]) => a <= i && i < z);
  let out = '';
  for (const s of t.segments) {
    if (s.kind === 'text') {
      for (let i = s.start; i < s.end; i++) {
        if (cutAt(i)) continue;
        out += t.text[i];
        if (t.text[i] === '\n') out += base;
      }
      continue;
    }
    if (cutAt(s.start)) continue;
    if (s.kind === 'pkg') {
      out += site.qualifiers.get(s.key) ?? s.key;
      continue;
    }
    const nodes = b.get(s.name) ?? [];
    if (nodes.length === 0) continue;
    let text = site.source.slice(nodes[0].startIndex, nodes[nodes.length - 1].endIndex);
    if (nodes.length === 1 && nodePrecedence(nodes[0]) < s.required) text = `(${text})`;
    out += shiftIndent(text, indentAt(site.source, nodes[0].startIndex), out.includes('\n') ? currentIndent(out) : base);
  }
  return out;
}

function currentIndent(out: string): string {
  const line = out.slice(out.lastIndexOf('\n') + 1);
  return /^[ \t]*/.exec(line)![0];
}

/** Continuation lines of `text`, indented under `from`, re-indented under `to`. */
function shiftIndent(text: string, from: string, to: string): string {
  if (from === to || !text.includes('\n')) return text;
  return text
    .split('\n')
    .map((line, i) => (i > 0 && line.startsWith(from) ? to + line.slice(from.length) : line))
    .join('\n');
}
