/**
 * Import management for codemods: edits (data) that add an import where gofmt and goimports
 * would put it, or remove one that a fix leaves unused. Nothing here applies anything.
 *
 *     const edits = [fixer.replace(call, 'reflect.ValueOf(x)'), ...imports.add(file, 'reflect')];
 *     const more = imports.removeIfUnused(file, 'reflect', edits); // "after these edits, is reflect used?"
 *
 * The results are gofmt-clean on their own (a spec on its own line, tab-indented, in its
 * sorted place, blank lines as gofmt leaves them), whether or not the engine re-formats.
 *
 * Placement follows gofmt and goimports (golang.org/x/tools/go/ast/astutil.AddNamedImport):
 * an import block is made of runs of consecutive lines ("groups", split by blank lines, as
 * gofmt's sortImports sees them); gofmt sorts each run by path, then name. A standard-library
 * path goes into the first group of standard-library imports, a module path into the group
 * sharing the longest path prefix with it; with no such group, a new one is started (standard
 * library first, the rest last). A single-line `import "x"` becomes a block. `import "C"`
 * (cgo) is never touched: its doc comment is the cgo preamble.
 */
import type { Edit, Node, Tree } from './codemod.js';
import { applyEdits } from './edits.js';

/** What this module needs of a file: its text and its tree (a `SourceFile` fits). */
export interface GoFile {
  readonly source: string;
  readonly tree: Tree;
}

/** One import of a file, as `listImports` returns it. */
export interface ImportSpec {
  /** The import path, unquoted. */
  path: string;
  /** The explicit name: an identifier, '.' or '_'; undefined when there is none. */
  name: string | undefined;
  /**
   * The name the file uses to refer to the package (`name.X`): the explicit name, or the
   * name assumed from the path; undefined for dot and blank imports.
   */
  qualifier: string | undefined;
  /** The import_spec node, and the import_declaration holding it. */
  node: Node;
  decl: Node;
}

/** The imports of the file, in source order. */
export function listImports(file: GoFile): ImportSpec[] {
  const out: ImportSpec[] = [];
  for (const decl of file.tree.rootNode.namedChildren) {
    if (decl?.type !== 'import_declaration') continue;
    for (const spec of specsOf(decl)) {
      const pathNode = spec.childForFieldName('path');
      if (!pathNode) continue;
      const path = unquote(pathNode.text);
      if (path === undefined) continue;
      const nameNode = spec.childForFieldName('name');
      const name = nameNode ? nameNode.text : undefined;
      const qualifier = name === undefined ? assumedName(path) : name === '.' || name === '_' ? undefined : name;
      out.push({ path, name, qualifier, node: spec, decl });
    }
  }
  return out;
}

/**
 * The name under which the file can refer to the package at `path` (`name.X`), if it
 * imports it by name; undefined when it is not imported or only as a dot or blank import.
 */
export function qualifierOf(file: GoFile, path: string): string | undefined {
  return listImports(file).find((s) => s.path === path && s.qualifier !== undefined)?.qualifier;
}

/** A standard-library path: its first element has no dot (goimports' rule). */
export function isStandardLibrary(path: string): boolean {
  return !path.split('/')[0].includes('.');
}

/**
 * The package name assumed for an import path, as goimports does
 * (golang.org/x/tools/internal/imports.ImportPathToAssumedName): the last element, skipping a
 * major-version suffix `v2`, without a `go-` prefix, cut at the first non-identifier rune.
 */
export function assumedName(path: string): string {
  const parts = path.split('/');
  let base = parts[parts.length - 1];
  if (/^v\d+$/.test(base) && parts.length > 1) base = parts[parts.length - 2];
  if (base.startsWith('go-')) base = base.slice(3);
  const m = /^[\p{L}_][\p{L}\p{Nd}_]*/u.exec(base);
  return m ? m[0] : base;
}

/**
 * Edits that add `import name "path"` (no name: `import "path"`), or none when the file
 * already has that import (an unnamed import and one named like the assumed name are the
 * same). Dot and blank imports only match the same dot or blank import.
 */
export function add(file: GoFile, path: string, name?: string): Edit[] {
  const specs = listImports(file);
  const same = specs.some((s) => {
    if (s.path !== path) return false;
    if (s.name === name) return true;
    const implicit = (n: string | undefined) => (n === undefined ? assumedName(path) : n);
    return name !== '.' && name !== '_' && s.name !== '.' && s.name !== '_' && implicit(s.name) === implicit(name);
  });
  if (same) return [];
  const text = specText(path, name);
  const src = file.source;
  const decls = file.tree.rootNode.namedChildren.filter((d): d is Node => d?.type === 'import_declaration');
  const usable = decls.filter((d) => !specsOf(d).some((s) => unquote(s.childForFieldName('path')?.text ?? '') === 'C'));

  // 1. An existing block: into its best group, or a new group.
  const blocks = usable.map(blockOf).filter((b): b is Node => b !== undefined && multiLine(src, b));
  if (blocks.length > 0) return addToBlock(src, blocks, path, name, text);

  // 2. A single-line declaration (or a one-line block) becomes a block with the new spec.
  const single = pickSingle(usable, path);
  if (single) return [toBlock(src, single, path, name, text)];
  const empty = usable.map(blockOf).find((b) => b !== undefined);
  if (empty) return [emptyBlock(empty, text)];

  // 3. A new declaration: after the last import (an `import "C"`), or after the package clause.
  const after = decls.length > 0 ? decls[decls.length - 1] : file.tree.rootNode.namedChildren.find((n) => n?.type === 'package_clause');
  if (!after) return [{ start: 0, end: 0, text: `import ${text}\n\n` }];
  const eol = lineEnd(src, after.endIndex);
  const nextLine = src.slice(eol + 1, lineEnd(src, eol + 1));
  const blankFollows = eol >= src.length || nextLine.trim() === '';
  return [{ start: eol, end: eol, text: `\n\nimport ${text}${blankFollows ? '' : '\n'}` }];
}

/**
 * Edits that remove the import of `path` when, after `edits` (the rest of the fix, applied to
 * `file.source`), its name no longer occurs as the operand of a selector (`name.X`) anywhere
 * in the file. A local identifier of the same name in a selector (`name.f`) counts as a use:
 * without types we cannot tell it from the package, so the import is kept. Dot and blank
 * imports are always kept (their uses have no qualifier, or they are wanted for their side
 * effects), and so is a module path whose package name cannot be assumed with confidence.
 */
export function removeIfUnused(file: GoFile, path: string, edits: readonly Edit[] = []): Edit[] {
  const out: Edit[] = [];
  const after = edits.length ? applyEdits(file.source, edits) : file.source;
  for (const spec of listImports(file)) {
    if (spec.path !== path || spec.qualifier === undefined) continue;
    if (spec.name === undefined && !isStandardLibrary(path) && assumedName(path) !== path.split('/').pop()) continue;
    if (edits.some((e) => e.start < spec.node.endIndex && spec.node.startIndex < e.end)) continue;
    if (usesQualifier(after, spec.qualifier)) continue;
    out.push(...removeSpec(file, spec));
  }
  return out;
}

/** Whether `name` occurs as the operand of a selector (`name.X`) in Go source `text`. */
export function usesQualifier(text: string, name: string): boolean {
  let found = false;
  scanTokens(text, (tok, _start, end, afterDot) => {
    if (found || tok !== name) return;
    // Not itself a field (`x.name`), and followed by a dot (comments and spaces allowed).
    if (!afterDot && nextSignificant(text, end) === '.') found = true;
  });
  return found;
}

/* ---------------------------------------------------------------- adding */

function specText(path: string, name: string | undefined): string {
  const quoted = JSON.stringify(path);
  return name === undefined ? quoted : `${name} ${quoted}`;
}

function specsOf(decl: Node): Node[] {
  const block = blockOf(decl);
  const holder = block ?? decl;
  return holder.namedChildren.filter((n): n is Node => n?.type === 'import_spec');
}

function blockOf(decl: Node): Node | undefined {
  return decl.namedChildren.find((n): n is Node => n?.type === 'import_spec_list');
}

function multiLine(src: string, block: Node): boolean {
  return src.slice(block.startIndex, block.endIndex).includes('\n');
}

interface Entry {
  path: string;
  name: string;
  node: Node;
}

function entriesOf(block: Node): Entry[] {
  return block.namedChildren
    .filter((n): n is Node => n?.type === 'import_spec')
    .map((node) => ({ path: unquote(node.childForFieldName('path')?.text ?? '') ?? '', name: node.childForFieldName('name')?.text ?? '', node }));
}

/** gofmt's runs: spec j starts a new run when it starts more than one line after spec j-1 ends. */
function runsOf(src: string, entries: Entry[]): Entry[][] {
  const runs: Entry[][] = [];
  for (const e of entries) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && lineOf(src, e.node.startIndex) <= lineOf(src, prev.node.endIndex) + 1) last.push(e);
    else runs.push([e]);
  }
  return runs;
}

function less(a: { path: string; name: string }, b: { path: string; name: string }): boolean {
  return a.path !== b.path ? a.path < b.path : a.name < b.name;
}

function sharedPrefix(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

function addToBlock(src: string, blocks: Node[], path: string, name: string | undefined, text: string): Edit[] {
  const std = isStandardLibrary(path);
  const me = { path, name: name ?? '' };
  // Pick the run: for the standard library, the first run of only std imports (else the first
  // with any); for a module path, the run sharing the longest prefix among those with module
  // paths. Each candidate: [block, run].
  let best: { block: Node; run: Entry[] } | undefined;
  let bestScore = -1;
  for (const block of blocks) {
    for (const run of runsOf(src, entriesOf(block))) {
      let score: number;
      if (std) {
        const stds = run.filter((e) => isStandardLibrary(e.path)).length;
        score = stds === 0 ? -1 : stds === run.length ? 2 : 1;
      } else {
        const mods = run.filter((e) => !isStandardLibrary(e.path));
        score = mods.length === 0 ? -1 : 1 + Math.max(...mods.map((e) => sharedPrefix(e.path, path)));
      }
      if (score > bestScore) {
        bestScore = score;
        best = { block, run };
      }
    }
  }
  if (best && bestScore >= 0) {
    const before = best.run.find((e) => less(me, e));
    if (before) {
      const at = lineStart(src, docStart(src, before.node));
      return [{ start: at, end: at, text: `\t${text}\n` }];
    }
    const last = best.run[best.run.length - 1].node;
    const eol = lineEnd(src, last.endIndex);
    return [{ start: eol, end: eol, text: `\n\t${text}` }];
  }
  // A new run: standard library at the top of the first block, the rest at the end of the last.
  if (std) {
    const block = blocks[0];
    const first = block.namedChildren.find((n): n is Node => n?.type === 'import_spec' || n?.type === 'comment');
    if (!first) return [emptyBlock(block, text)];
    const at = lineStart(src, first.startIndex);
    return [{ start: at, end: at, text: `\t${text}\n\n` }];
  }
  const block = blocks[blocks.length - 1];
  const items = block.namedChildren.filter((n): n is Node => n?.type === 'import_spec' || n?.type === 'comment');
  if (items.length === 0) return [emptyBlock(block, text)];
  const eol = lineEnd(src, items[items.length - 1].endIndex);
  return [{ start: eol, end: eol, text: `\n\n\t${text}` }];
}

function emptyBlock(block: Node, text: string): Edit {
  return { start: block.startIndex, end: block.endIndex, text: `(\n\t${text}\n)` };
}

/** The single-line declaration to turn into a block: the best-matching group, else the first. */
function pickSingle(decls: Node[], path: string): Node | undefined {
  const std = isStandardLibrary(path);
  const withPath = decls.map((d) => ({ d, paths: specsOf(d).map((s) => unquote(s.childForFieldName('path')?.text ?? '') ?? '') }));
  const candidates = withPath.filter((x) => x.paths.length > 0);
  const match = candidates.find((x) => x.paths.every((p) => isStandardLibrary(p) === std));
  return (match ?? candidates[0])?.d;
}

/**
 * `import "fmt" // c` (or `import ("fmt")`) with "reflect" becomes
 * `import (\n\t"fmt" // c\n\t"reflect"\n)`: one run if both are standard library (or both
 * not), else two runs with the standard library first.
 */
function toBlock(src: string, decl: Node, path: string, name: string | undefined, text: string): Edit {
  const specs = specsOf(decl);
  const block = blockOf(decl);
  const start = block ? block.startIndex : specs[0].startIndex;
  const end = lineEnd(src, decl.endIndex);
  const trailing = src.slice(decl.endIndex, end).trim(); // a comment after the declaration
  const lines: { path: string; name: string; text: string }[] = specs.map((s, i) => ({
    path: unquote(s.childForFieldName('path')?.text ?? '') ?? '',
    name: s.childForFieldName('name')?.text ?? '',
    text: s.text + (i === specs.length - 1 && trailing ? ' ' + trailing : ''),
  }));
  lines.push({ path, name: name ?? '', text });
  const std = lines.filter((l) => isStandardLibrary(l.path)).sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  const rest = lines.filter((l) => !isStandardLibrary(l.path)).sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  const groups = [std, rest].filter((g) => g.length > 0).map((g) => g.map((l) => `\t${l.text}\n`).join(''));
  return { start, end, text: `(\n${groups.join('\n')})` };
}

/* ---------------------------------------------------------------- removing */

function removeSpec(file: GoFile, spec: ImportSpec): Edit[] {
  const src = file.source;
  const block = blockOf(spec.decl);
  const others = block ? block.namedChildren.filter((n) => n?.type === 'import_spec' && n.id !== spec.node.id) : [];
  if (others.length === 0) {
    // The declaration goes, with its doc comment, and the blank line it leaves.
    if (block && block.namedChildren.some((n) => n?.type === 'comment' && !attachedTo(src, n, spec.node))) {
      // Other comments live in the block: keep them, and an empty block, `import ()`.
      return removeLines(src, docStart(src, spec.node), spec.node.endIndex, block);
    }
    return removeLines(src, docStart(src, spec.decl), spec.decl.endIndex, undefined);
  }
  // One spec left, and no comments: `import "x"`, as astutil.DeleteNamedImport leaves it.
  const ownFrom = docStart(src, spec.node);
  const ownTo = lineEnd(src, spec.node.endIndex);
  const foreignComments = block?.namedChildren.some((n) => n?.type === 'comment' && (n.startIndex < ownFrom || n.startIndex > ownTo));
  if (block && others.length === 1 && !foreignComments && others[0]!.text.indexOf('\n') < 0) {
    return [{ start: block.startIndex, end: block.endIndex, text: others[0]!.text }];
  }
  // Another spec on the same line (`import ("fmt"; "reflect")`): remove just this one.
  const sameLine = others.some((o) => o && (lineOf(src, o.startIndex) === lineOf(src, spec.node.startIndex) || lineOf(src, o.endIndex) === lineOf(src, spec.node.startIndex)));
  if (sameLine) {
    let end = spec.node.endIndex;
    while (end < src.length && (src[end] === ' ' || src[end] === '\t' || src[end] === ';')) end++;
    return [{ start: spec.node.startIndex, end, text: '' }];
  }
  return removeLines(src, docStart(src, spec.node), spec.node.endIndex, block);
}

/**
 * Removes the whole lines from the one holding `from` to the one holding `to` (a trailing
 * comment included), then the blank line that would be left doubled, or left first or last
 * inside the block `(...)` that holds them.
 */
function removeLines(src: string, from: number, to: number, block: Node | undefined): Edit[] {
  const start = lineStart(src, from);
  let end = lineEnd(src, to);
  end = end < src.length ? end + 1 : end; // the newline too
  const prevBlank = start > 0 && isBlankLineEndingAt(src, start - 1);
  const prevOpens = block !== undefined && start > 0 && src.slice(lineStart(src, start - 1), start - 1).trimEnd().endsWith('(');
  const nextEnd = lineEnd(src, end);
  const nextBlank = end < src.length && src.slice(end, nextEnd).trim() === '';
  const nextCloses = block !== undefined && src.slice(end, nextEnd).trim().startsWith(')');
  if (nextBlank && (prevBlank || prevOpens || start === 0)) end = Math.min(src.length, nextEnd + 1);
  else if (prevBlank && nextCloses) return [{ start: lineStart(src, start - 1), end, text: '' }];
  else if (prevBlank && block === undefined && end >= src.length) return [{ start: lineStart(src, start - 1), end, text: '' }];
  return [{ start, end, text: '' }];
}

function isBlankLineEndingAt(src: string, newline: number): boolean {
  return src.slice(lineStart(src, newline), newline).trim() === '';
}

/** Where a node's doc comment starts: full-line comments directly above it (no blank line). */
function docStart(src: string, node: Node): number {
  let start = node.startIndex;
  for (let prev = node.previousSibling; prev?.type === 'comment'; prev = prev.previousSibling) {
    if (!attachedTo(src, prev, { startIndex: start })) break;
    // A comment that ends a line of code (`"fmt" // c`) belongs to that line.
    if (src.slice(lineStart(src, prev.startIndex), prev.startIndex).trim() !== '') break;
    start = prev.startIndex;
  }
  return start;
}

/** A comment directly above (the line before) or on the same line as `node`. */
function attachedTo(src: string, comment: Node, node: { startIndex: number }): boolean {
  const gap = lineOf(src, node.startIndex) - lineOf(src, comment.endIndex);
  return gap === 0 || gap === 1;
}

/* ---------------------------------------------------------------- text helpers */

function lineStart(src: string, at: number): number {
  return src.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(src: string, at: number): number {
  const i = src.indexOf('\n', at);
  return i < 0 ? src.length : i;
}

function lineOf(src: string, at: number): number {
  let n = 0;
  for (let i = src.indexOf('\n'); i >= 0 && i < at; i = src.indexOf('\n', i + 1)) n++;
  return n;
}

/** A Go interpreted or raw string literal's value (escapes other than \" and \\ kept as is). */
function unquote(lit: string): string | undefined {
  if (lit.length >= 2 && lit[0] === '`' && lit.endsWith('`')) return lit.slice(1, -1);
  if (lit.length >= 2 && lit[0] === '"' && lit.endsWith('"')) return lit.slice(1, -1).replace(/\\(["\\])/g, '$1');
  return undefined;
}

/**
 * Calls `fn` for each identifier token of Go source `text`, skipping comments, string, raw
 * string and rune literals (a mini-lexer: enough to tell code from text). `afterDot`: the
 * previous token is a `.` (the identifier is a field or method name, `x.name`).
 */
export function scanTokens(text: string, fn: (ident: string, start: number, end: number, afterDot: boolean) => void): void {
  const n = text.length;
  let i = 0;
  let last = ''; // the last character of the previous token
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      last = c;
    } else if (c === '`') {
      const e = text.indexOf('`', i + 1);
      i = e < 0 ? n : e + 1;
      last = c;
    } else if (/[\p{L}_]/u.test(c)) {
      const start = i;
      while (i < n && /[\p{L}\p{Nd}_]/u.test(text[i])) i++;
      fn(text.slice(start, i), start, i, last === '.');
      last = 'a';
    } else if (c >= '0' && c <= '9') {
      // A number, possibly with letters (0x1f, 1e9, 1_000, 2i): never an identifier.
      while (i < n && /[\p{L}\p{Nd}_.]/u.test(text[i])) i++;
      last = '0';
    } else {
      // `...` is not a selector dot.
      last = c === '.' && text.startsWith('...', i) ? ',' : c;
      i += c === '.' && text.startsWith('...', i) ? 3 : 1;
    }
  }
}

/** The first character after `at` that is neither space nor part of a comment. */
function nextSignificant(text: string, at: number): string | undefined {
  let i = at;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('//', i)) {
      const e = text.indexOf('\n', i);
      if (e < 0) return undefined;
      i = e;
    } else if (text.startsWith('/*', i)) {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) return undefined;
      i = e + 2;
    } else {
      return i < text.length ? text[i] : undefined;
    }
  }
}
