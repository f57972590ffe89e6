/**
 * Unified diffs in git's format (`diff --git a/P b/P`, 3 lines of context, `\ No newline at
 * end of file`, the enclosing function after `@@ ... @@` as git's Go diff driver shows it),
 * from the line diff of line-diff.ts. `git apply` takes them.
 */
import { diffLines, type LineOp } from './line-diff.js';
import { FuncnameFinder, funcnameRule } from './funcname.js';

export const CONTEXT = 3;
const NO_EOL_KEY = '\u0000no newline at end of file';

export interface Lines {
  /** Lines without their '\n' (a '\r' stays: CRLF files diff and apply as they are). */
  text: string[];
  /** Comparison keys: the last line differs from an equal line followed by a newline. */
  keys: string[];
  noEol: boolean;
}

export function splitLines(s: string): Lines {
  if (s === '') return { text: [], keys: [], noEol: false };
  const text = s.split('\n');
  const noEol = text[text.length - 1] !== '';
  if (!noEol) text.pop();
  const keys = noEol ? [...text.slice(0, -1), text[text.length - 1] + NO_EOL_KEY] : text;
  return { text, keys, noEol };
}

/**
 * A path as git prints it in diff headers: C-quoted when it holds control characters (a
 * tab or a newline would otherwise end the name), as is otherwise.
 */
export function gitPath(prefix: string, path: string): string {
  const name = prefix + path;
  if (!/[\x00-\x1f\x7f]/.test(name)) return name;
  const escapes: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
  const quoted = [...name].map((c) => escapes[c] ?? (c < ' ' || c === '\x7f' ? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}` : c)).join('');
  return `"${quoted}"`;
}

/** The line diff of two texts, split as unified diffs split them. */
export function lineDiff(before: string, after: string): { a: Lines; b: Lines; ops: LineOp[] } {
  const a = splitLines(before);
  const b = splitLines(after);
  return { a, b, ops: diffLines(a.keys, b.keys) };
}

/** `path` is the path the diff names (`a/path`, `b/path`); `.go` files get Go function lines. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  return diffHeader(path) + diffHunks(path, before, after);
}

/** The three lines that open a file's diff: `diff --git`, `---` and `+++`, naming `path`. */
export function diffHeader(path: string): string {
  const [pa, pb] = [gitPath('a/', path), gitPath('b/', path)];
  return `diff --git ${pa} ${pb}\n--- ${pa}\n+++ ${pb}\n`;
}

/**
 * The hunks of `unifiedDiff(path, before, after)`: what follows its header ('' for equal
 * texts). Only `path`'s extension counts here (it picks the function lines), so the hunks
 * can be computed once, where the result is, and shown under any display path.
 */
export function diffHunks(path: string, before: string, after: string): string {
  if (before === after) return '';
  const { a, b, ops } = lineDiff(before, after);
  return renderHunks(path, a, b, ops, hunkRanges(ops));
}

/** A diff of `ops` cut into the given hunks (op index ranges [from, to), in order). */
export function renderDiff(path: string, a: Lines, b: Lines, ops: readonly LineOp[], hunks: readonly (readonly [number, number])[]): string {
  return diffHeader(path) + renderHunks(path, a, b, ops, hunks);
}

function renderHunks(path: string, a: Lines, b: Lines, ops: readonly LineOp[], hunks: readonly (readonly [number, number])[]): string {
  const out: string[] = [];
  const funcname = new FuncnameFinder(a.text, funcnameRule(path), !a.noEol);
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to);
    const oldLen = slice.filter((o) => o.op !== '+').length;
    const newLen = slice.filter((o) => o.op !== '-').length;
    const oldStart = oldLen ? firstIndex(slice, 'old') + 1 : firstPosition(slice, 'old');
    const newStart = newLen ? firstIndex(slice, 'new') + 1 : firstPosition(slice, 'new');
    // git searches above the hunk's first line of the old side (for an empty old side, the
    // line after which the change goes).
    const context = funcname.at(oldLen ? oldStart - 1 : oldStart);
    out.push(`@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@${context ? ' ' + context : ''}`);
    for (const o of slice) {
      if (o.op === '=') {
        out.push(' ' + a.text[o.old]);
        if (a.noEol && o.old === a.text.length - 1) out.push('\\ No newline at end of file');
      } else if (o.op === '-') {
        out.push('-' + a.text[o.old]);
        if (a.noEol && o.old === a.text.length - 1) out.push('\\ No newline at end of file');
      } else {
        out.push('+' + b.text[o.new]);
        if (b.noEol && o.new === b.text.length - 1) out.push('\\ No newline at end of file');
      }
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** `start,len`, written `start` alone when len is 1, as diff and git do. */
function range(start: number, len: number): string {
  return len === 1 ? `${start}` : `${start},${len}`;
}

/** Index (0-based) of the first line of the side that the slice holds. */
function firstIndex(slice: readonly LineOp[], side: 'old' | 'new'): number {
  const skip = side === 'old' ? '+' : '-';
  return slice.find((o) => o.op !== skip)![side];
}

/** For an empty side: the number of the line after which the change goes (0: the top). */
function firstPosition(slice: readonly LineOp[], side: 'old' | 'new'): number {
  return slice[0][side];
}

/** Op ranges [from, to) of hunks: changes with CONTEXT lines around, joined when close. */
export function hunkRanges(ops: readonly LineOp[]): [number, number][] {
  const ranges: [number, number][] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].op === '=') {
      i++;
      continue;
    }
    const from = Math.max(0, i - CONTEXT);
    let last = i;
    let j = i + 1;
    for (; j < ops.length; j++) {
      if (ops[j].op !== '=') last = j;
      else if (j - last > 2 * CONTEXT) break;
    }
    const to = Math.min(ops.length, last + CONTEXT + 1);
    if (ranges.length && from <= ranges[ranges.length - 1][1]) ranges[ranges.length - 1][1] = to;
    else ranges.push([from, to]);
    i = last + 1;
  }
  return ranges;
}

/**
 * The text that `hunks` (as `diffHunks` renders them) make of `before`, or undefined when
 * they do not apply to it exactly: every context and removed line must be there, in order.
 * Lines outside the hunks are copied as slices, never split: a cached result is made again
 * this way for every changed file of a run (src/run/cache.ts), which checks it when storing.
 */
export function applyHunks(before: string, hunks: string): string | undefined {
  const out: string[] = [];
  let pos = 0; // offset in `before` of its next line to copy
  let line = 0; // that line's index
  /** What the hunk line just taken belongs to: a "no newline" marker after it ends that side. */
  let taken: 'both' | 'old' | 'new' | undefined;
  let newEnded = false;
  /** An added line was pushed without its newline, which it gets unless a marker follows. */
  let owed = false;
  const pay = () => {
    if (owed) out.push('\n');
    owed = false;
  };
  /** The offset after the line at `p`, its newline included. */
  const after = (p: number) => {
    const nl = before.indexOf('\n', p);
    return nl < 0 ? before.length : nl + 1;
  };
  for (let i = 0; i < hunks.length; ) {
    const nl = hunks.indexOf('\n', i);
    if (nl < 0) return undefined;
    const l = hunks.slice(i, nl);
    i = nl + 1;
    const tag = l[0];
    if (tag === '@') {
      const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(l);
      if (!m || newEnded) return undefined;
      // An empty old side names the line after which the change goes.
      const start = m[2] === '0' ? Number(m[1]) : Number(m[1]) - 1;
      if (start < line) return undefined;
      const from = pos;
      for (; line < start; line++) {
        if (pos >= before.length) return undefined;
        pos = after(pos);
      }
      pay();
      if (pos > from) out.push(before.slice(from, pos));
      taken = undefined;
    } else if (tag === ' ' || tag === '-') {
      if (newEnded || pos >= before.length) return undefined;
      const next = after(pos);
      const end = next > pos && before[next - 1] === '\n' ? next - 1 : next;
      if (end - pos !== l.length - 1 || !before.startsWith(l.slice(1), pos)) return undefined;
      if (tag === ' ') {
        pay();
        out.push(before.slice(pos, next));
      }
      taken = tag === ' ' ? 'both' : 'old';
      // A line of the old side without its newline must be the marked last one.
      if (end === next && tag === ' ' && !hunks.startsWith('\\ No newline at end of file\n', i)) return undefined;
      pos = next;
      line++;
    } else if (tag === '+') {
      if (newEnded) return undefined;
      pay();
      out.push(l.slice(1));
      owed = true;
      taken = 'new';
    } else if (l === '\\ No newline at end of file' && taken !== undefined) {
      if (taken === 'new') owed = false;
      if (taken !== 'old') newEnded = true;
      taken = undefined;
    } else return undefined;
  }
  pay();
  if (pos < before.length) out.push(before.slice(pos));
  return out.join('');
}
