/**
 * Why a tree-sitter query does not compile, and where: web-tree-sitter's QueryError gives an
 * offset into the query (a UTF-16 index: it measures the decoded prefix); this turns it into
 * the query's line and column, words the problem for an author, and suggests the node type
 * or field name that was probably meant. Used by the load-time check of codemods
 * (src/registry/check-codemod.ts) and by the `tree --query` and `query` commands.
 */
import type { Language, Query } from 'web-tree-sitter';
import type { GoParser } from '../go/parser.js';

export interface QueryProblem {
  /** What is wrong, e.g. "unknown node type 'field_identifer' (did you mean 'field_identifier'?)". */
  message: string;
  /** Where in the query, when tree-sitter says: a UTF-16 index, and 1-based line and column. */
  index?: number;
  line?: number;
  column?: number;
}

/** web-tree-sitter's QueryErrorKind. */
const SYNTAX = 1;
const NODE_NAME = 2;
const FIELD_NAME = 3;
const CAPTURE_NAME = 4;
const STRUCTURE = 5;

/** The problem with `source` as a query over the Go grammar, or undefined when it compiles to at least one pattern. */
export function queryProblem(parser: GoParser, source: string): QueryProblem | undefined {
  let q: Query;
  try {
    q = parser.query(source);
  } catch (e) {
    return describeQueryError(parser.language, source, e);
  }
  const n = q.patternCount();
  if (n === 0) return { message: 'the query has no pattern' };
  for (let i = 0; i < n; i++) {
    const start = q.startIndexForPattern(i);
    const text = source.slice(start, i + 1 < n ? q.startIndexForPattern(i + 1) : source.length).trim();
    // tree-sitter takes a predicate outside any pattern's parentheses as a pattern of its
    // own, which matches every node with no captures, while the pattern it was meant for
    // goes untested: always a mistake.
    if (/^\(\s*#/.test(text)) {
      const predicate = text.length > 40 ? text.slice(0, 39) + '…' : text;
      return {
        message: `the predicate ${predicate} stands outside any pattern, so it tests nothing (tree-sitter makes it a pattern that matches every node); put it inside the parentheses of the pattern it is about: ((call_expression ...) @call (#eq? @call "..."))`,
        index: start,
        ...lineColumn(source, start),
      };
    }
  }
  return undefined;
}

export function describeQueryError(language: Language, source: string, e: unknown): QueryProblem {
  const err = e as { kind?: number; index?: number; info?: { word?: string }; message?: string };
  if (typeof err?.kind !== 'number' || typeof err.index !== 'number') {
    // Predicate errors (`#eq?` with one argument) come as plain Errors without a position.
    return { message: e instanceof Error ? e.message : String(e) };
  }
  const word = err.info?.word ?? '';
  let message: string;
  switch (err.kind) {
    case SYNTAX:
      message = err.index >= source.length ? 'syntax error: the query ends early (an unclosed parenthesis, bracket or string?)' : `syntax error at '${excerpt(source, err.index)}'`;
      break;
    case NODE_NAME:
      message = `unknown node type '${word}'${suggest(word, nodeTypes(language))}`;
      break;
    case FIELD_NAME:
      message = `unknown field '${word}'${suggest(word, language.fields.filter((f): f is string => !!f))}`;
      break;
    case CAPTURE_NAME:
      message = `unknown capture @${word}: a predicate names a capture that its pattern does not define`;
      break;
    case STRUCTURE:
      message = `impossible pattern at '${excerpt(source, err.index)}': the grammar never puts these nodes in this structure`;
      break;
    default:
      message = err.message ?? 'does not compile';
  }
  return { message, index: err.index, ...lineColumn(source, err.index) };
}

/** 1-based line and column (UTF-16 units) of `index` in `text`. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: index - lineStart + 1 };
}

/** `message (line L, column C of the query)`, or the message alone when there is no position. */
export function queryProblemText(p: QueryProblem): string {
  return p.line === undefined ? p.message : `${p.message} (line ${p.line}, column ${p.column} of the query)`;
}

function excerpt(source: string, index: number): string {
  const rest = source.slice(index).split('\n')[0];
  return rest.length > 30 ? rest.slice(0, 30) + '…' : rest;
}

const typesOf = new WeakMap<Language, string[]>();

function nodeTypes(language: Language): string[] {
  let types = typesOf.get(language);
  if (!types) {
    const named = new Set<string>();
    for (let id = 0; id < language.nodeTypeCount; id++) {
      const t = language.nodeTypeForId(id);
      if (t && language.nodeTypeIsNamed(id)) named.add(t);
    }
    typesOf.set(language, (types = [...named]));
  }
  return types;
}

/** ` (did you mean 'x'?)` for the closest candidate by edit distance, when one is close. */
function suggest(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
