/**
 * Suppression comments: `//gocodemod:ignore NAME[,NAME...] REASON` says "not here, because".
 * The engine honours them for every codemod (built-in, from a file, or any future kind), so no
 * codemod has to. Where one applies (lines of the file as it was read, 1-based):
 *
 * - at the end of a line of code: that line;
 * - alone on its line: that line and the next line of code (other comment lines may stand
 *   between, so suppressions stack and may follow a doc comment; a blank line may not);
 *   when that line starts a declaration (func, method, type, var, const, or one spec of a
 *   group), the whole declaration;
 * - anywhere before the package clause (or, in go.mod / go.work, before the first
 *   directive): the whole file.
 *
 * `*` names every codemod. The reason is required: a suppression without one is not applied
 * and is a finding of its own, as staticcheck does with `//lint:ignore`. Only `//` comments
 * written with no space after the slashes count, as for every Go directive (`//go:build`).
 */
import type { Tree } from 'web-tree-sitter';
import type { FileKind } from '../go/codemod.js';
import { packageClauseOffset } from '../go/header.js';
import { LineIndex, utf8Length } from '../go/position.js';

/** The `codemod` of the findings about suppression comments themselves (malformed, unused). */
export const SUPPRESSION_FINDING = 'gocodemod:ignore';

const DIRECTIVE = '//gocodemod:';
const NAME = /^(\*|[a-z0-9]+(-[a-z0-9]+)*)$/;
/** Nodes a suppression before their first line covers whole. */
const DECLARATIONS = new Set(['function_declaration', 'method_declaration', 'type_declaration', 'var_declaration', 'const_declaration', 'type_spec', 'type_alias', 'var_spec', 'const_spec']);

/** One `//gocodemod:ignore` comment that is applied. */
export interface Suppression {
  /** 1-based line and byte column of its `//`. */
  line: number;
  column: number;
  /** Codemod names, or `*`. */
  names: string[];
  reason: string;
}

/** Where a suppression was applied: what a suppressed finding records. */
export interface SuppressionRef extends Suppression {
  /** The file holding the comment (a fix may span files: its comment may be in another). */
  path: string;
}

/** A problem with a suppression comment, reported as a finding of SUPPRESSION_FINDING. */
export interface SuppressionProblem {
  /** Where the comment is: its line, its byte columns, and its UTF-16 range (one line). */
  line: number;
  column: number;
  endColumn: number;
  offset: number;
  endOffset: number;
  message: string;
}

type Scope = { kind: 'file' } | { kind: 'lines'; from: number; to: number } | { kind: 'declaration'; from: number; target: number };

interface Entry extends Suppression {
  /** The comment's place, for reporting it. */
  at: Omit<SuppressionProblem, 'message'>;
  scope: Scope;
  /** Codemods whose findings it suppressed in this run. */
  used: Set<string>;
}

interface Comment {
  start: number;
  text: string;
}

/** The suppressions of one file, as read. Lines are the file's as read, 1-based. */
export class FileSuppressions {
  private readonly entries: Entry[] = [];
  private readonly problems: SuppressionProblem[] = [];
  private resolved = false;
  /** After resolving: entries by each line they cover, and those covering too many lines to list so. */
  private readonly byLine = new Map<number, Entry[]>();
  private readonly wide: Entry[] = [];

  private constructor(
    private readonly source: string,
    private readonly kind: FileKind,
  ) {}

  /** Undefined when the file holds no `//gocodemod:` comment (the common case: one `includes`). */
  static scan(source: string, kind: FileKind): FileSuppressions | undefined {
    if (!source.includes(DIRECTIVE)) return undefined;
    const comments = lineComments(source, kind).filter((c) => c.text.startsWith(DIRECTIVE));
    if (comments.length === 0) return undefined;
    const fs = new FileSuppressions(source, kind);
    const lines = new LineIndex(source);
    const header = packageClauseOffset(source);
    for (const c of comments) fs.add(c, lines, header);
    return fs;
  }

  private add(c: Comment, lines: LineIndex, header: number) {
    const pos = lines.position(c.start);
    const text = c.text.replace(/\r$/, '');
    const at = { ...pos, endColumn: pos.column + utf8Length(text), offset: c.start, endOffset: c.start + text.length };
    const problem = (message: string) => this.problems.push({ ...at, message });
    const m = /^\/\/gocodemod:(\S*)(.*)$/s.exec(c.text.replace(/\r$/, ''))!;
    if (m[1] !== 'ignore') return problem(`unknown directive //gocodemod:${m[1]} (the one directive is //gocodemod:ignore NAME[,NAME...] REASON)`);
    const fields = m[2].trim();
    if (fields === '') return problem('//gocodemod:ignore needs codemod names and a reason: //gocodemod:ignore NAME[,NAME...] REASON; it is not applied');
    const [list, ...rest] = fields.split(/\s+/);
    const names = list.split(',');
    const bad = names.find((n) => !NAME.test(n));
    if (bad !== undefined) return problem(`//gocodemod:ignore ${list}: '${bad}' is not a codemod name (kebab-case, or * for every codemod); it is not applied`);
    const reason = rest.join(' ');
    if (reason === '') return problem(`//gocodemod:ignore ${list} needs a reason after the codemod names (//gocodemod:ignore ${list} REASON); it is not applied`);
    const scope = this.scopeOf(c, pos.line, header);
    if (!scope) return problem(`//gocodemod:ignore ${list} applies to no line: put it at the end of the line it concerns, or on the line just before it (no blank line between); it is not applied`);
    this.entries.push({ ...pos, at, names: [...new Set(names)], reason, scope, used: new Set() });
  }

  private scopeOf(c: Comment, line: number, header: number): Scope | undefined {
    if (c.start < header) return { kind: 'file' };
    const lineStart = this.source.lastIndexOf('\n', c.start - 1) + 1;
    if (this.source.slice(lineStart, c.start).trim() !== '') return { kind: 'lines', from: line, to: line };
    // Alone on its line: it concerns the next line of code.
    let at = this.source.indexOf('\n', c.start);
    for (let l = line + 1; at >= 0; l++) {
      const start = at + 1;
      const nl = this.source.indexOf('\n', start);
      const text = this.source.slice(start, nl < 0 ? undefined : nl).trim();
      if (text === '') return undefined;
      // In Go, the tree tells later (and only if needed) whether a declaration starts there.
      if (!text.startsWith('//')) return this.kind === 'go' ? { kind: 'declaration', from: line, target: l } : { kind: 'lines', from: line, to: l };
      at = nl;
    }
    return undefined;
  }

  /** Problems found when reading the comments; the suppressions they concern are not applied. */
  malformed(): readonly SuppressionProblem[] {
    return this.problems;
  }

  /**
   * The suppression covering `lines` (each [first, last]) for `codemod`: the narrowest one,
   * which is marked used. `tree` parses the file as read; it is called at most once per
   * file, and only when a suppression precedes a declaration, to learn where that ends.
   */
  covering(codemod: string, lines: readonly [number, number][], tree: () => Tree): Suppression | undefined {
    if (!this.entries.length) return undefined;
    if (!this.resolved) this.resolve(tree);
    let best: Entry | undefined;
    const consider = (e: Entry) => {
      if (!e.names.includes('*') && !e.names.includes(codemod)) return;
      if (!lines.some(([a, b]) => covers(e.scope, a, b))) return;
      if (!best || width(e.scope) < width(best.scope)) best = e;
    };
    // A file may hold thousands of suppressions: look up the lines, not every entry.
    for (const [a, b] of lines) {
      if (b - a > INDEXED_WIDTH) this.entries.forEach(consider);
      else for (let l = a; l <= b; l++) this.byLine.get(l)?.forEach(consider);
    }
    this.wide.forEach(consider);
    if (!best) return undefined;
    best.used.add(codemod);
    return { line: best.line, column: best.column, names: best.names, reason: best.reason };
  }

  /**
   * Suppressions that suppressed nothing. `judged` tells which codemod names this run can
   * judge (those that ran on the file); `*` is judged by all of them together.
   */
  unused(judged: (name: string) => boolean): SuppressionProblem[] {
    const out: SuppressionProblem[] = [];
    for (const e of this.entries) {
      for (const name of e.names) {
        if (name === '*' ? e.used.size > 0 : !judged(name) || e.used.has(name)) continue;
        const what = name === '*' ? 'no codemod of this run reported anything it covers' : `${name} reported nothing it covers`;
        out.push({ ...e.at, message: `unused suppression //gocodemod:ignore ${name}: ${what}` });
      }
    }
    return out;
  }

  private resolve(tree: () => Tree) {
    this.resolved = true;
    this.resolveDeclarations(tree);
    for (const e of this.entries) {
      if (e.scope.kind !== 'lines' || e.scope.to - e.scope.from > INDEXED_WIDTH) {
        this.wide.push(e);
        continue;
      }
      for (let l = e.scope.from; l <= e.scope.to; l++) {
        const list = this.byLine.get(l);
        if (list) list.push(e);
        else this.byLine.set(l, [e]);
      }
    }
  }

  /** A declaration's extent comes from the tree of the file as read; its first line if no declaration starts there after all. */
  private resolveDeclarations(tree: () => Tree) {
    const pending = this.entries.filter((e) => e.scope.kind === 'declaration');
    if (!pending.length) return;
    const t = tree();
    try {
      const lineStarts = [0];
      for (let i = 0; i < this.source.length; i++) if (this.source.charCodeAt(i) === 10) lineStarts.push(i + 1);
      for (const e of pending) {
        const scope = e.scope as Extract<Scope, { kind: 'declaration' }>;
        const lineStart = lineStarts[scope.target - 1];
        const first = lineStart + (/^[ \t]*/.exec(this.source.slice(lineStart, lineStart + 200))?.[0].length ?? 0);
        let last = scope.target;
        for (let n = t.rootNode.descendantForIndex(first); n && n.startIndex === first; n = n.parent) {
          if (DECLARATIONS.has(n.type)) last = Math.max(last, n.endPosition.row + 1);
        }
        e.scope = { kind: 'lines', from: scope.from, to: last };
      }
    } finally {
      t.delete();
    }
  }
}

function covers(scope: Scope, first: number, last: number): boolean {
  if (scope.kind === 'file') return true;
  if (scope.kind === 'declaration') throw new Error('internal error: unresolved suppression');
  return first <= scope.to && last >= scope.from;
}

/** Suppressions covering at most this many lines are indexed by line; wider ones (few) are checked one by one. */
const INDEXED_WIDTH = 200;

const width = (scope: Scope) => (scope.kind === 'lines' ? scope.to - scope.from : Infinity);

/**
 * The `//` comments of a file, skipping strings, runes, raw strings and block comments, so
 * that a directive quoted in a string is not one. go.mod and go.work have `//` comments and
 * quoted or raw strings only.
 */
function lineComments(src: string, kind: FileKind): Comment[] {
  const out: Comment[] = [];
  const go = kind === 'go';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      const nl = src.indexOf('\n', i);
      const end = nl < 0 ? src.length : nl;
      out.push({ start: i, text: src.slice(i, end) });
      i = end;
    } else if (go && c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      i = close < 0 ? src.length : close + 2;
    } else if (c === '`') {
      const close = src.indexOf('`', i + 1);
      i = close < 0 ? src.length : close + 1;
    } else if (c === '"' || (go && c === "'")) {
      i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      i++;
    } else i++;
  }
  return out;
}
