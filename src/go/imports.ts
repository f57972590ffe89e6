/**
 * Import management for codemods: edits (data) that add an import where gofmt and goimports
 * would put it, or remove one that a fix leaves unused. Nothing here applies anything.
 *
 *     const edits = [fixer.replace(call, 'reflect.ValueOf(x)'), ...addImport(file, 'reflect')];
 *     const more = removeIfUnused(file, 'reflect', edits); // "after these edits, is reflect used?"
 *
 * (`add` is exported from 'gocodemod' as `addImport`.) Several changes at once in one fix:
 * `updateImports`.
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
import type { Edit, Node } from './codemod.js';
import { applyEdits, OffsetMap, overlaps } from './edits.js';
import { assumedName, blockOf, isStandardLibrary, listImports, specsOf, unquote, type GoFile, type ImportSpec } from './import-specs.js';
import { declarationScopes, type Shadow } from './scopes.js';
import { nextSignificant, scanTokens } from './tokens.js';

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
 * `file.source`), nothing in the file uses its name as the operand of a selector (`name.X`):
 * a `name.X` that the edits insert is a use; one already in the file is a use unless a local
 * declaration of `name` (a parameter, a variable) is in scope there, by the Go spec's scope
 * rules (`declarationScopes`). Dot and blank
 * imports are always kept (their uses have no qualifier, or they are wanted for their side
 * effects), and so is a module path whose package name cannot be assumed with confidence.
 */
export function removeIfUnused(file: GoFile, path: string, edits: readonly Edit[] = []): Edit[] {
  return unusedSpecs(file, path, edits).flatMap((spec) => removeSpec(file, spec));
}
/** The imports of `path` that `removeIfUnused` removes. */
function unusedSpecs(file: GoFile, path: string, edits: readonly Edit[]): ImportSpec[] {
  const after = edits.length ? applyEdits(file.source, edits) : file.source;
  return listImports(file).filter((spec) => {
    if (spec.path !== path || spec.qualifier === undefined) return false;
    if (spec.name === undefined && !isStandardLibrary(path) && assumedName(path) !== path.split('/').pop()) return false;
    if (edits.some((e) => e.start < spec.node.endIndex && spec.node.startIndex < e.end)) return false;
    return !usesImport(file, spec.qualifier, after, edits);
  });
}
/**
 * Whether `name.X` in `after` (the file's text after `edits`) can be a use of the import
 * named `name`: an occurrence that `edits` inserted is one; one left from the file is one
 * unless a local declaration of `name` is in scope there (a parameter `errors` hides the
 * package). A package-level declaration of the name in this file: we cannot tell, so yes.
 */
function usesImport(file: GoFile, name: string, after: string, edits: readonly Edit[]): boolean {
  let scopes: Shadow | undefined;
  const back = new OffsetMap(edits);
  let used = false;
  scanTokens(after, (tok, start, end, afterDot) => {
    if (used || tok !== name || afterDot || nextSignificant(after, end) !== '.') return;
    if (isInsertedText(edits, start)) return void (used = true);
    const at = back.back(start);
    scopes ??= declarationScopes(file, name, { imports: false });
    if (scopes === 'package' || !scopes.some((s) => s.start <= at && at < s.end)) used = true;
  });
  return used;
}
/** Whether offset `at` of the edited text lies inside text one of `edits` inserted. */
function isInsertedText(edits: readonly Edit[], at: number): boolean {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const newStart = e.start + delta;
    if (at < newStart) return false;
    if (at < newStart + e.text.length) return true;
    delta += e.text.length - (e.end - e.start);
  }
  return false;
}
/** What `updateImports` does: imports to add, and paths to remove once unused. */
export interface ImportChanges {
  /** Imports to add: a path (`"os"`), or a path and a name (`{ path: 'os', name: 'stdos' }`). */
  add?: (string | { path: string; name?: string })[];
  /** Paths whose imports are removed when nothing uses them after `edits` (see `removeIfUnused`). */
  removeIfUnused?: string[];
}
/**
 * The edits of several import changes at once, which `addImport` and `removeIfUnused` called
 * one by one cannot always give: two imports added to `import "fmt"` would each turn it into
 * a block (overlapping edits), and `import "io/ioutil"` replaced by `"os"` is one change of
 * one line. `edits` are the fix's other edits (the uses it rewrites); the result goes with
 * them in the same fix. Additions are placed as `addImport` places them, removals as
 * `removeIfUnused` does; where they meet in one declaration, the declaration is rewritten as
 * gofmt would lay it out.
 *
 *     const edits = uses.map((u) => fixer.replace(u, 'os.ReadFile'));
 *     edits.push(...updateImports(file, { add: ['os'], removeIfUnused: ['io/ioutil'] }, edits));
 */
export function updateImports(file: GoFile, changes: ImportChanges, edits: readonly Edit[] = []): Edit[] {
  const adds = uniqueAdds(file, changes.add ?? []);
  const removed = [...new Set(changes.removeIfUnused ?? [])].flatMap((p) => unusedSpecs(file, p, edits));
  const hasImports = file.tree.rootNode.namedChildren.some((d) => d?.type === 'import_declaration');
  if (!hasImports && adds.length > 1) {
    // No import declaration yet: one new block for all, where `addImport` puts a new one.
    const [first] = add(file, adds[0].path, adds[0].name);
    return [{ ...first, text: first.text.replace(/import .*/, `import ${renderBlock(adds.map((a) => ({ path: a.path, name: a.name ?? '', text: specText(a.path, a.name) })))}`) }];
  }
  const all = [...removed.flatMap((spec) => removeSpec(file, spec)), ...mergeInsertions(adds.map((a) => add(file, a.path, a.name)))];
  if (!anyOverlap(all)) return all;
  // Additions and removals meet in the same declarations: rewrite each such declaration.
  return rewriteDecls(file, adds, removed);
}
function uniqueAdds(file: GoFile, raw: readonly (string | { path: string; name?: string })[]): { path: string; name?: string }[] {
  const seen = new Set<string>();
  const out: { path: string; name?: string }[] = [];
  for (const a of raw.map((x) => (typeof x === 'string' ? { path: x } : x))) {
    const key = `${a.name ?? ''} ${a.path}`;
    if (seen.has(key) || add(file, a.path, a.name).length === 0) continue;
    seen.add(key);
    out.push(a);
  }
  return out.sort((a, b) => (less({ path: a.path, name: a.name ?? '' }, { path: b.path, name: b.name ?? '' }) ? -1 : 1));
}
/**
 * Additions computed one by one may insert at the same point (two new lines before the same
 * spec): one insertion of both lines, in order, instead. Other edits (a declaration turned
 * into a block) stay as they are.
 */
function mergeInsertions(lists: Edit[][]): Edit[] {
  const out: Edit[] = [];
  const at = new Map<number, Edit[]>();
  for (const e of lists.flat()) {
    if (e.start !== e.end) out.push(e);
    else at.set(e.start, [...(at.get(e.start) ?? []), e]);
  }
  for (const [point, group] of at) {
    const shapes = group.map((e) => /^(\n*)(\t[^\n]*)(\n*)$/.exec(e.text));
    const same = shapes.every((m) => m && m[1] === shapes[0]![1] && m[3] === shapes[0]![3]);
    const text = same ? shapes[0]![1] + shapes.map((m) => m![2]).join('\n') + shapes[0]![3] : group.map((e) => e.text).join('');
    out.push({ start: point, end: point, text });
  }
  return out;
}
function anyOverlap(edits: readonly Edit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (overlaps(sorted[i - 1], sorted[i])) return true;
  return false;
}
/**
 * The import declarations where additions and removals meet, rewritten whole: each keeps its
 * specs (with the comments that end their lines) but the removed ones, in its runs (the
 * groups gofmt sorts apart); an addition joins the declaration and run where `addImport`
 * would insert it; a declaration left with one spec becomes `import "x"`, one left with none
 * goes with its line. Additions that land elsewhere stay plain insertions.
 */
function rewriteDecls(file: GoFile, adds: { path: string; name?: string }[], removed: ImportSpec[]): Edit[] {
  const src = file.source;
  const gone = new Set(removed.map((r) => r.node.id));
  const decls = file.tree.rootNode.namedChildren.filter((d): d is Node => d?.type === 'import_declaration');
  const touched = decls.filter((d) => specsOf(d).some((s) => gone.has(s.id)));
  // Where each addition would go on its own, and which declaration that is.
  const placed = adds.map((a) => ({ add: a, edits: add(file, a.path, a.name) }));
  const within = (d: Node, e: Edit) => e.start >= lineStart(src, d.startIndex) && e.start <= lineEnd(src, d.endIndex) + 1;
  for (const p of placed) {
    const d = decls.find((x) => p.edits.some((e) => within(x, e)));
    if (d && !touched.includes(d) && p.edits.some((e) => e.start !== e.end)) touched.push(d); // a declaration turned into a block
  }
  if (touched.length === 0) throw new Error('updateImports: conflicting import edits that no declaration explains');
  const out: Edit[] = [];
  const loose: Edit[][] = [];
  const joining = new Map<Node, typeof placed>();
  for (const p of placed) {
    const d = touched.find((x) => p.edits.some((e) => within(x, e)));
    if (d) joining.set(d, [...(joining.get(d) ?? []), p]);
    else loose.push(p.edits);
  }
  for (const decl of touched) out.push(...rewriteDecl(src, decl, gone, joining.get(decl) ?? []));
  out.push(...mergeInsertions(loose));
  if (anyOverlap(out)) throw new Error('updateImports: these import changes overlap; make them in separate fixes');
  return out;
}

type Line = { path: string; name: string; text: string };

/** One declaration rewritten: see `rewriteDecls`. */
function rewriteDecl(src: string, decl: Node, gone: Set<number>, joining: { add: { path: string; name?: string }; edits: Edit[] }[]): Edit[] {
  const block = blockOf(decl);
  const ownLineComment = block?.namedChildren.some((n) => n?.type === 'comment' && src.slice(lineStart(src, n.startIndex), n.startIndex).trim() === '');
  if (ownLineComment) throw new Error('updateImports: the import block holds comments of its own lines; make these import changes in separate fixes');
  const line = (s: Node): Line => ({ path: unquote(s.childForFieldName('path')?.text ?? '') ?? '', name: s.childForFieldName('name')?.text ?? '', text: lineText(src, s) });
  const newLine = (a: { path: string; name?: string }): Line => ({ path: a.path, name: a.name ?? '', text: specText(a.path, a.name) });
  let runs: Line[][];
  if (block && multiLine(src, block)) {
    const entries = runsOf(src, entriesOf(block));
    runs = entries.map((run) => run.filter((e) => !gone.has(e.node.id)).map((e) => line(e.node)));
    for (const j of joining) {
      // The run the insertion touches (at a spec's line start, or at a run's last line end).
      const at = j.edits[0].start;
      const k = entries.findIndex((run) => at >= lineStart(src, run[0].node.startIndex) && at <= lineEnd(src, run[run.length - 1].node.endIndex));
      if (k >= 0) runs[k].push(newLine(j.add));
      else if (isStandardLibrary(j.add.path)) runs.unshift([newLine(j.add)]);
      else runs.push([newLine(j.add)]);
    }
  } else {
    runs = [[...specsOf(decl).filter((s) => !gone.has(s.id)).map(line), ...joining.map((j) => newLine(j.add))]];
    if (runs[0].length > 1) return [{ start: (block ?? specsOf(decl)[0]).startIndex, end: lineEnd(src, decl.endIndex), text: renderBlock(runs[0]) }];
  }
  runs = runs.filter((r) => r.length > 0);
  const all = runs.flat();
  if (all.length === 0) return removeLines(src, docStart(src, decl), decl.endIndex, undefined);
  const start = (block ?? specsOf(decl)[0]).startIndex;
  const end = lineEnd(src, decl.endIndex);
  if (all.length === 1) return [{ start, end, text: all[0].text }];
  const order = (a: Line, b: Line) => (less(a, b) ? -1 : less(b, a) ? 1 : 0);
  return [{ start, end, text: `(\n${runs.map((r) => [...r].sort(order).map((l) => `\t${l.text}\n`).join('')).join('\n')})` }];
}

/** A spec's text with the comment that ends its line, if any. */
function lineText(src: string, spec: Node): string {
  const end = lineEnd(src, spec.endIndex);
  const rest = src.slice(spec.endIndex, end).trim();
  return rest.startsWith('//') || (rest.startsWith('/*') && rest.endsWith('*/')) ? `${spec.text} ${rest}` : spec.text;
}
/** `(\n\t"a"\n\t"b"\n\n\t"x.com/c"\n)`: the standard library first, each run sorted, as gofmt and goimports lay it out. */
function renderBlock(lines: Line[]): string {
  const order = (a: { path: string; name: string }, b: { path: string; name: string }) => (less(a, b) ? -1 : less(b, a) ? 1 : 0);
  const std = lines.filter((l) => isStandardLibrary(l.path)).sort(order);
  const rest = lines.filter((l) => !isStandardLibrary(l.path)).sort(order);
  const groups = [std, rest].filter((g) => g.length > 0).map((g) => g.map((l) => `\t${l.text}\n`).join(''));
  return `(\n${groups.join('\n')})`;
}
/**
 * Whether `name` at `offset` of `file` is the qualifier of an import of the file (`name.X`
 * means the imported package): the file imports a package under that name and no
 * declaration of the file hides it there. A codemod that rewrites `ioutil.ReadFile(...)`
 * asks this before believing that `ioutil` is the package.
 */
export function refersToImport(file: GoFile, name: string, offset: number): boolean {
  if (!listImports(file).some((i) => i.qualifier === name)) return false;
  const scopes = declarationScopes(file, name, { imports: false });
  return scopes !== 'package' && !scopes.some((s) => s.start <= offset && offset < s.end);
}
function specText(path: string, name: string | undefined): string {
  const quoted = JSON.stringify(path);
  return name === undefined ? quoted : `${name} ${quoted}`;
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
  return { start, end, text: renderBlock(lines) };
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
