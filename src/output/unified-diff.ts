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
  const { a, b, ops } = lineDiff(before, after);
  return renderDiff(path, a, b, ops, hunkRanges(ops));
}

/** A diff of `ops` cut into the given hunks (op index ranges [from, to), in order). */
export function renderDiff(path: string, a: Lines, b: Lines, ops: readonly LineOp[], hunks: readonly (readonly [number, number])[]): string {
  const [pa, pb] = [gitPath('a/', path), gitPath('b/', path)];
  const out: string[] = [`diff --git ${pa} ${pb}`, `--- ${pa}`, `+++ ${pb}`];
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
  return out.join('\n') + '\n';
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
