/**
 * A compiled rule at work on one package: candidates from the query pass, each decided by
 * the structural matcher, then findings and fixes. What it promises:
 *
 * - A pattern naming a package (`ioutil.ReadFile` with `imports: { ioutil: io/ioutil }`)
 *   matches only in files that import that path by a name, under that name (an alias is
 *   followed), where the name is not hidden by a local declaration. A dot import of it is
 *   reported, not matched.
 * - A match holding a comment that the replacement would drop (one outside every capture the
 *   replacement uses) is reported with the comment's position, not rewritten.
 * - Nested matches of one rule: the outermost is rewritten; a match inside it is left for
 *   the engine's next round, where it is found again in the replacement if it is still
 *   there (its code was captured and re-emitted), and rewritten then.
 * - Packages the replacement names are imported (under a new name, `os2`, where the file's
 *   `os` means something else at a match); imports the pattern named are removed once unused,
 *   in the same fix. When another rule of the run rewrote a file's last use of such a package
 *   in the same round, the now unused import is removed in the next round.
 */
import type { Context, Edit, Node, QueryMatch, SourceFile } from '../go/codemod.js';
import { assumedName, importsOf, listImports } from '../go/import-specs.js';
import { removeIfUnused, updateImports } from '../go/imports.js';
import { LineIndex } from '../go/position.js';
import { declarationScopes, isShadowed, type Shadow } from '../go/scopes.js';
import { commentsIn, hasWord } from '../go/syntax.js';
import { usesQualifier } from '../go/tokens.js';
import type { CompiledRule } from './compiled.js';
import { matchNode, matchSequences, type Bindings, type MatchEnv } from './match.js';
import { requiredAt } from './precedence.js';
import { ROOT, SUB } from './query.js';
import { render } from './template.js';

interface Found {
  /** The matched node, or the run of siblings of a sequence pattern. */
  nodes: Node[];
  start: number;
  end: number;
  bindings: Bindings;
}

export function runRule(rule: CompiledRule, ctx: Context): void {
  const needle = [...rule.matchImports.values()][0];
  for (const file of ctx.files) {
    if (!file.editable || (needle !== undefined && !file.source.includes(needle))) continue;
    runOnFile(rule, ctx, file);
  }
}

function runOnFile(rule: CompiledRule, ctx: Context, file: SourceFile): void {
  // The query pass first: most files have no candidate, and then nothing is parsed (nor lexed).
  const candidates = ctx.matches(file);
  if (candidates.length === 0 && !maybeLeftover(rule, file)) return;
  const qualifiers = new Map<string, string>();
  for (const [key, path] of rule.matchImports) {
    const specs = importsOf(file).filter((s) => s.path === path);
    const named = specs.find((s) => s.qualifier !== undefined);
    if (!named) {
      if (specs.some((s) => s.name === '.') && rule.words.some((w) => hasWord(file.source, w))) {
        const dot = listImports(file).find((s) => s.path === path && s.name === '.')!;
        ctx.report({ file, start: dot.node.startIndex, end: dot.node.endIndex, message: `"${path}" is dot-imported: ${rule.spec.id} does not match its uses (import it by name)` });
      }
      return;
    }
    qualifiers.set(key, named.qualifier!);
  }
  const found = candidates.length ? findMatches(rule, candidates, matchEnv(rule, file, qualifiers)) : [];
  const fixed = rule.template ? rewrite(rule, ctx, file, found, qualifiers) : (found.forEach((m) => ctx.report({ file, start: m.start, end: m.end, message: rule.spec.description })), false);
  if (!fixed && rule.template && rule.sharedImports.size) removeLeftovers(rule, ctx, file, qualifiers);
}

function matchEnv(rule: CompiledRule, file: SourceFile, qualifiers: Map<string, string>): MatchEnv {
  const scopes = new Map<string, Shadow>();
  return {
    isPackage(key, node) {
      const q = qualifiers.get(key);
      if (q === undefined || node.text !== q) return false;
      let s = scopes.get(q);
      if (!s) scopes.set(q, (s = declarationScopes(file, q, { imports: false })));
      return s !== 'package' && !s.some((r) => r.start <= node.startIndex && node.startIndex < r.end);
    },
    accepts(meta, nodes) {
      const c = rule.where.get(meta.name);
      if (!c) return true;
      if (c.kind && !nodes.every((n) => c.kind!.has(n.type))) return false;
      if (c.notKind && nodes.some((n) => c.notKind!.has(n.type))) return false;
      if (c.regex || c.notRegex) {
        const text = nodes.length ? file.source.slice(nodes[0].startIndex, nodes[nodes.length - 1].endIndex) : '';
        if (c.regex && !c.regex.test(text)) return false;
        if (c.notRegex && c.notRegex.test(text)) return false;
      }
      return true;
    },
  };
}

/** The matches among the query's candidates, in document order, outer before inner. */
function findMatches(rule: CompiledRule, matches: readonly QueryMatch[], env: MatchEnv): Found[] {
  const sequence = rule.readings[0].nodes.length > 1;
  const roots = rule.readings.map((r) => r.nodes.find((n) => !n.meta)!);
  const seen = new Set<string>();
  const out: Found[] = [];
  const tryCandidate = (node: Node) => {
    const target = sequence ? node.parent : node;
    if (!target) return;
    const key = `${target.startIndex}:${target.endIndex}:${target.type}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (sequence) {
      for (const m of matchSequences(rule.readings[0].nodes, target, env)) {
        out.push({ nodes: m.nodes, start: m.nodes[0].startIndex, end: m.nodes[m.nodes.length - 1].endIndex, bindings: m.bindings });
      }
      return;
    }
    const reading = roots.find((r) => r.type === target.type);
    const b: Bindings = new Map();
    if (reading && matchNode(reading, target, b, env)) out.push({ nodes: [target], start: target.startIndex, end: target.endIndex, bindings: b });
  };
  for (const m of matches) {
    for (const c of m.captures) {
      if (c.name === ROOT) tryCandidate(c.node);
      else if (c.name === SUB) {
        for (let a = c.node.parent; a; a = a.parent) if (roots.some((r) => r.type === a!.type)) tryCandidate(a);
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Reports and rewrites the matches of one file; true when some fix was made. */
function rewrite(rule: CompiledRule, ctx: Context, file: SourceFile, found: Found[], qualifiers: Map<string, string>): boolean {
  if (found.length === 0) return false;
  const template = rule.template!;
  const desc = rule.spec.description;
  let lines: LineIndex | undefined;
  let todo: Found[] = [];
  for (const m of found) {
    if (todo.some((o) => o.start <= m.start && m.end <= o.end)) continue; // inside a rewritten match: next round
    const dropped = droppedComment(file, m, template.uses);
    if (dropped) {
      const at = (lines ??= new LineIndex(file.source)).position(dropped.startIndex);
      ctx.report({ file, start: m.start, end: m.end, message: `${desc} (not rewritten: the rewrite would drop the comment at ${at.line}:${at.column})` });
      continue;
    }
    todo.push(m);
  }
  if (todo.length === 0) return false;
  const names = importNames(rule, ctx, file, todo);
  if (typeof names === 'string') {
    for (const m of todo) ctx.report({ file, start: m.start, end: m.end, message: `${desc} (not rewritten: ${names})` });
    return false;
  }
  const all = new Map([...qualifiers, ...names.qualifiers]);
  const rendered = todo.map((m) => {
    let text = render(template, m.bindings, { source: file.source, start: m.start, qualifiers: all });
    if (m.nodes.length === 1 && template.precedence < requiredAt(m.nodes[0])) text = `(${text})`;
    return { start: m.start, end: m.end, text };
  });
  // A replacement that gives back the very text it replaces changes nothing: not a finding.
  const keep = rendered.map((e) => file.source.slice(e.start, e.end) !== e.text);
  todo = todo.filter((_, i) => keep[i]);
  const edits = rendered.filter((_, i) => keep[i]);
  if (todo.length === 0) return false;
  if (rule.matchImports.size === 0 && names.add.length === 0) {
    todo.forEach((m, i) => ctx.report({ file, start: m.start, end: m.end, message: desc, fixes: [{ message: desc, edits: [edits[i]] }] }));
    return true;
  }
  // One fix for the file: an import is removed only when no use is left, which no single match can tell.
  let imports: Edit[];
  try {
    imports = updateImports(file, { add: names.add, removeIfUnused: [...rule.matchImports.values()] }, edits);
  } catch (e) {
    for (const m of todo) ctx.report({ file, start: m.start, end: m.end, message: `${desc} (not rewritten: ${e instanceof Error ? e.message : String(e)})` });
    return false;
  }
  const fix = { message: desc, edits: [...edits, ...imports] };
  for (const m of todo) ctx.report({ file, start: m.start, end: m.end, message: desc, fixes: [fix] });
  return true;
}

/** A comment inside the match that is in no capture the replacement keeps. */
function droppedComment(file: SourceFile, m: Found, uses: ReadonlySet<string>): Node | undefined {
  const comments = commentsIn(file.tree.rootNode, m.start, m.end);
  if (comments.length === 0) return undefined;
  const kept: [number, number][] = [];
  for (const name of uses) {
    const nodes = m.bindings.get(name);
    if (nodes?.length) kept.push([nodes[0].startIndex, nodes[nodes.length - 1].endIndex]);
  }
  return comments.find((c) => !kept.some(([s, e]) => s <= c.startIndex && c.endIndex <= e));
}

/**
 * The file's names for the packages only the replacement names, and the imports to add: an
 * import the file has (its name must mean it at every match), or a new one, named as the key
 * where that name is free at every match in the package, else key2, key3, ... Returns why not,
 * as a string, when an existing import's name is hidden at a match.
 */
function importNames(rule: CompiledRule, ctx: Context, file: SourceFile, todo: readonly Found[]): string | { qualifiers: Map<string, string>; add: { path: string; name?: string }[] } {
  const qualifiers = new Map<string, string>();
  const add: { path: string; name?: string }[] = [];
  for (const [key, path] of rule.rewriteImports) {
    const existing = listImports(file).find((s) => s.path === path && s.qualifier !== undefined);
    if (existing) {
      const q = existing.qualifier!;
      const scopes = declarationScopes(file, q, { imports: false });
      if (scopes === 'package' || todo.some((m) => scopes.some((s) => s.start <= m.start && m.start < s.end))) {
        return `${q} does not mean the import of "${path}" here`;
      }
      qualifiers.set(key, q);
      continue;
    }
    let name = key;
    for (let k = 2; todo.some((m) => isShadowed(ctx.files, file, name, m.start)) || [...qualifiers.values()].includes(name); k++) name = `${key}${k}`;
    qualifiers.set(key, name);
    add.push(name === assumedName(path) ? { path } : { path, name });
  }
  return { qualifiers, add };
}

/**
 * Whether a file without candidates may hold what `runOnFile` still reports: a dot import
 * of a package the pattern names, or an import of one that nothing uses any more (see
 * `removeLeftovers`). By text and the lexer only, as most files have no candidate.
 */
function maybeLeftover(rule: CompiledRule, file: SourceFile): boolean {
  for (const path of rule.matchImports.values()) {
    const quoted = JSON.stringify(path);
    if (new RegExp(`(^|[\\s(;])\\.[ \\t]*${escape(quoted)}`, 'm').test(file.source)) return true;
    if (rule.sharedImports.has(path) && !usesQualifier(file.source, assumedName(path))) return true;
  }
  return false;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A file where this rule rewrote nothing, that still imports a package the pattern names
 * though nothing uses it: another rule's fix of the same round took its last use. Go does
 * not compile an unused import, so it goes.
 */
function removeLeftovers(rule: CompiledRule, ctx: Context, file: SourceFile, qualifiers: ReadonlyMap<string, string>): void {
  for (const [key, path] of rule.matchImports) {
    // By the lexer first: a file that still writes `name.X` keeps its import, unparsed.
    if (!rule.sharedImports.has(path) || rule.template?.packages.has(key) || usesQualifier(file.source, qualifiers.get(key)!)) continue;
    const edits = removeIfUnused(file, path);
    if (edits.length === 0) continue;
    const spec = listImports(file).find((s) => s.path === path)!;
    ctx.report({ file, start: spec.node.startIndex, end: spec.node.endIndex, message: `"${path}" is no longer used`, fixes: [{ message: `remove the import of "${path}"`, edits }] });
  }
}
