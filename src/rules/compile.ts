/**
 * A rule compiled into an ordinary codemod: the pattern parsed once (src/rules/snippet.ts),
 * a tree-sitter query for its candidates declared as the codemod's `query` (so the engine
 * runs it in its one pass per file and derives needles from it), the replacement checked
 * (src/rules/template.ts), and a `run` that matches and rewrites (src/rules/apply.ts).
 *
 * No node: imports here or below: a browser bundle runs the same compiler.
 */
import type { Codemod, Node } from '../go/codemod.js';
import type { GoParser } from '../go/parser.js';
import { isValidGoVersion } from '../go/goversion.js';
import { SnippetError, type Metavar } from './metavars.js';
import { candidatePatterns, ROOT } from './query.js';
import { metavarsOf, parseSnippet, withSnippetNodes, type Parsed, type PNode } from './snippet.js';
import { matchNode, matchSequences, type MatchEnv } from './match.js';
import { RuleError, type Constraint, type RuleSpec } from './spec.js';
import { compileTemplate, type Template } from './template.js';
import { runRule } from './apply.js';
import type { CompiledConstraint, CompiledRule } from './compiled.js';

/** What the compiler needs of a parser (a `GoParser`). */
export type RuleParser = Pick<GoParser, 'parse' | 'query' | 'language'>;

export type { CompiledConstraint, CompiledRule } from './compiled.js';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const GO_NAME = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

export interface CompileOptions {
  /** Import paths that several rules of the run name in their patterns (see `CompiledRule.sharedImports`). */
  sharedImports?: readonly string[];
}

/** Compiles a rule; throws a RuleError naming the field at fault. */
export function compileRule(spec: RuleSpec, parser: RuleParser, options: CompileOptions = {}): CompiledRule {
  if (!KEBAB.test(spec.id)) throw new RuleError('id', `must be kebab-case (lower-case letters, digits and single dashes, like 'ioutil-readfile'), got '${spec.id}'`);
  if (spec.description.trim() === '' || /[\r\n]/.test(spec.description)) throw new RuleError('description', 'must be one non-empty line');
  if (spec.minGo !== undefined && !isValidGoVersion(spec.minGo)) throw new RuleError('minGo', `must be a Go version like '1.22' or '1.21.3' (no 'go' prefix), got '${spec.minGo}'`);
  const imports = new Map(Object.entries(spec.imports ?? {}));
  for (const [key, path] of imports) {
    if (!GO_NAME.test(key)) throw new RuleError(`imports.${key}`, `'${key}' is not a Go identifier`);
    if (!/^[^\s"`\\]+$/.test(path)) throw new RuleError(`imports.${key}`, `'${path}' is not an import path`);
  }
  const keys = new Set(imports.keys());

  let readings: Parsed[];
  try {
    readings = parseSnippet(parser, spec.match, { context: spec.context, imports: keys, what: 'pattern' }).readings;
  } catch (e) {
    throw asRuleError('match', e);
  }
  const first = readings[0].nodes;
  if (first.every((n) => n.meta || n.pkg !== undefined)) {
    throw new RuleError('match', 'the pattern is only metavariables: it would match everything; give it some code around them');
  }
  const metavars = metavarsOf(first);
  const usedInMatch = packagesIn(first);
  let template: Template | undefined;
  if (spec.rewrite !== undefined) {
    try {
      template = compileTemplate(parser, spec.rewrite, readings.map((r) => r.context), metavars, keys);
    } catch (e) {
      throw asRuleError('rewrite', e);
    }
  }
  if (template && !spec.where && rewriteMatchesItself(parser, spec.rewrite!, readings)) {
    throw new RuleError('rewrite', 'the replacement matches the pattern again: rewriting would never end (each round would match the result); make the replacement differ in shape, or constrain the pattern with `where`');
  }
  const matchImports = new Map([...imports].filter(([k]) => usedInMatch.has(k)));
  const rewriteImports = new Map([...imports].filter(([k]) => template?.packages.has(k) && !usedInMatch.has(k)));
  for (const key of keys) {
    if (!matchImports.has(key) && !template?.packages.has(key)) {
      throw new RuleError(`imports.${key}`, `'${key}' is named neither in match nor in rewrite as a package (${key}.Name)`);
    }
  }
  const where = compileWhere(spec.where ?? {}, metavars, parser);
  const roots = readings.map((r) => r.nodes.find((n) => !n.meta)!);
  const query = compileQuery(roots, parser);
  const sharedImports = new Set(template ? [...matchImports.values()].filter((p) => options.sharedImports?.includes(p)) : []);
  return { spec, readings, metavars, template, matchImports, rewriteImports, where, query, sharedImports, words: wordsOf(first) };
}

/** The compiled rule as a codemod. */
export function ruleCodemod(rule: CompiledRule): Codemod {
  const needles = [...rule.matchImports.values()].slice(0, 1);
  return {
    name: rule.spec.id,
    description: rule.spec.description,
    ...(rule.spec.minGo ? { minGo: rule.spec.minGo } : {}),
    ...(needles.length ? { needles } : {}),
    query: rule.query,
    // Package scope when the rewrite may import a package: its name must be free in the whole package.
    scope: rule.rewriteImports.size ? 'package' : 'file',
    run: (ctx) => runRule(rule, ctx),
  };
}

/** compileRule, then ruleCodemod. */
export function compileRuleCodemod(spec: RuleSpec, parser: RuleParser, options: CompileOptions = {}): Codemod {
  return ruleCodemod(compileRule(spec, parser, options));
}

/**
 * The import paths that more than one of these rules names in its pattern and rewrites
 * (`CompileOptions.sharedImports`), from the specs alone: `imports` values whose key occurs
 * in `match` as `key.` (a rule that does not name it is not counted).
 */
export function sharedImportPaths(specs: readonly RuleSpec[]): string[] {
  const count = new Map<string, number>();
  for (const s of specs) {
    if (s.rewrite === undefined) continue;
    for (const [key, path] of Object.entries(s.imports ?? {})) {
      if (new RegExp(`(^|[^\\p{L}\\p{Nd}_.])${key}\\s*\\.`, 'u').test(s.match)) count.set(path, (count.get(path) ?? 0) + 1);
    }
  }
  return [...count].filter(([, n]) => n > 1).map(([p]) => p);
}

/**
 * The candidate query, each pattern checked by tree-sitter: a parenthesized subpattern the
 * grammar cannot produce is dropped (it could never match); a root pattern it refuses (not
 * expected) becomes its node type alone, which still finds every candidate.
 */
function compileQuery(roots: readonly PNode[], parser: RuleParser): string {
  const compiles = (q: string) => {
    try {
      parser.query(q); // compiled once per thread and kept: the engine compiles the joined query again
      return true;
    } catch {
      return false;
    }
  };
  const out: string[] = [];
  for (const [i, { root, subs }] of candidatePatterns(roots).entries()) {
    out.push(compiles(root) ? root : `(${roots[i].type}) @${ROOT}`);
    out.push(...subs.filter(compiles));
  }
  return [...new Set(out)].join('\n');
}

/**
 * Whether the replacement, read with its metavariables as any code, holds a match of the
 * pattern made of its own text (`f($X)` -> `g(f($X))`): then every round would rewrite the
 * result again. (Matches inside what a capture brings are finite: captures shrink.)
 */
function rewriteMatchesItself(parser: RuleParser, rewrite: string, readings: readonly Parsed[]): boolean {
  const env: MatchEnv = { isPackage: (key, node) => node.text === key, accepts: () => true };
  return readings.some((r) =>
    withSnippetNodes(parser, rewrite, r.context, (nodes) => {
      if (!nodes?.length) return false;
      if (r.nodes.length > 1) return nodes[0].parent !== null && matchSequences(r.nodes, nodes[0].parent, env).length > 0;
      const root = r.nodes[0];
      const within = (n: Node): boolean => (n.type === root.type && matchNode(root, n, new Map(), env)) || n.namedChildren.some((c) => c !== null && within(c));
      return nodes.some(within);
    }),
  );
}

function asRuleError(field: string, e: unknown): RuleError {
  if (e instanceof SnippetError) return new RuleError(field, e.message, e.offset);
  if (e instanceof RuleError) return e;
  return new RuleError(field, e instanceof Error ? e.message : String(e));
}

function packagesIn(nodes: readonly PNode[]): Set<string> {
  const out = new Set<string>();
  const walk = (p: PNode) => {
    if (p.pkg !== undefined) out.add(p.pkg);
    p.kids.forEach(walk);
  };
  nodes.forEach(walk);
  return out;
}

function wordsOf(nodes: readonly PNode[]): string[] {
  const out = new Set<string>();
  const walk = (p: PNode) => {
    if (p.leaf && p.named && !p.meta && p.pkg === undefined && /^[\p{L}_]/u.test(p.text)) out.add(p.text);
    p.kids.forEach(walk);
  };
  nodes.forEach(walk);
  return [...out];
}

function compileWhere(where: Record<string, Constraint>, metavars: readonly Metavar[], parser: RuleParser): Map<string, CompiledConstraint> {
  const out = new Map<string, CompiledConstraint>();
  for (const [name, c] of Object.entries(where)) {
    const field = `where.${name}`;
    const bare = name.replace(/^\$+/, '');
    if (!metavars.some((m) => !m.anonymous && m.name === bare)) {
      const named = metavars.filter((m) => !m.anonymous).map((m) => m.name);
      throw new RuleError(field, `'${name}' is not a metavariable of the pattern${named.length ? ` (it has ${named.join(', ')})` : ''}`);
    }
    const kinds = (key: 'kind' | 'not-kind') => {
      const list = c[key];
      if (list === undefined) return undefined;
      for (const k of list) {
        const id = parser.language.idForNodeType(k, true);
        if (!id) throw new RuleError(`${field}.${key}`, `'${k}' is not a node type of the Go grammar (e.g. identifier, call_expression, interpreted_string_literal)`);
      }
      return new Set(list);
    };
    const regex = (key: 'regex' | 'not-regex') => {
      const src = c[key];
      if (src === undefined) return undefined;
      try {
        return new RegExp(src, 'u');
      } catch (e) {
        throw new RuleError(`${field}.${key}`, `not a regular expression: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    const compiled: CompiledConstraint = {};
    const kind = kinds('kind');
    const notKind = kinds('not-kind');
    const re = regex('regex');
    const notRe = regex('not-regex');
    if (kind) compiled.kind = kind;
    if (notKind) compiled.notKind = notKind;
    if (re) compiled.regex = re;
    if (notRe) compiled.notRegex = notRe;
    out.set(bare, compiled);
  }
  return out;
}
