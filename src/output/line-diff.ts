/**
 * Line diffs that stay fast on any input: common prefix and suffix, then patience anchors
 * (lines unique on both sides, in order), then Myers (jsdiff) on the small gaps between
 * anchors, with a bounded edit length. A gap too different to diff cheaply becomes one
 * replacement. Myers alone is O(N·D): a 20 MB file with a million changed lines would take
 * hours; this takes seconds, and gives the same result on ordinary edits.
 */
// The one module we use: the package's index loads all nineteen of its modules.
import { diffArrays } from 'diff/lib/diff/array.js';

export type LineOp = { op: '=' | '-' | '+'; old: number; new: number };

/** Edit script over line indices: '=' keeps old[old] as new[new], '-' drops old[old], '+' adds new[new]. */
export function diffLines(a: readonly string[], b: readonly string[]): LineOp[] {
  type Task = { region: [number, number, number, number] } | { ops: LineOp[] };
  const out: LineOp[] = [];
  // An explicit stack instead of recursion: anchors can nest as deep as the file is long.
  const stack: Task[] = [{ region: [0, a.length, 0, b.length] }];
  while (stack.length) {
    const task = stack.pop()!;
    if ('ops' in task) {
      for (const op of task.ops) out.push(op);
      continue;
    }
    let [as, ae, bs, be] = task.region;
    const head: LineOp[] = [];
    const tail: LineOp[] = [];
    while (as < ae && bs < be && a[as] === b[bs]) head.push({ op: '=', old: as++, new: bs++ });
    while (as < ae && bs < be && a[ae - 1] === b[be - 1]) tail.push({ op: '=', old: --ae, new: --be });
    tail.reverse();
    const anchors = as < ae && bs < be ? patienceAnchors(a, as, ae, b, bs, be) : [];
    // Tasks are pushed in reverse, so they run (and emit) in order.
    const tasks: Task[] = [{ ops: head }];
    if (anchors.length === 0) tasks.push({ ops: gap(a, as, ae, b, bs, be) });
    else {
      let pa = as;
      let pb = bs;
      for (const [ia, ib] of anchors) {
        tasks.push({ region: [pa, ia, pb, ib] }, { ops: [{ op: '=', old: ia, new: ib }] });
        pa = ia + 1;
        pb = ib + 1;
      }
      tasks.push({ region: [pa, ae, pb, be] });
    }
    tasks.push({ ops: tail });
    for (let i = tasks.length - 1; i >= 0; i--) stack.push(tasks[i]);
  }
  return out;
}

/** Lines unique within both regions, matched, reduced to their longest increasing run. */
function patienceAnchors(a: readonly string[], as: number, ae: number, b: readonly string[], bs: number, be: number): [number, number][] {
  const count = new Map<string, { a: number; ai: number; b: number; bi: number }>();
  for (let i = as; i < ae; i++) {
    const c = count.get(a[i]) ?? { a: 0, ai: i, b: 0, bi: -1 };
    c.a++;
    c.ai = i;
    count.set(a[i], c);
  }
  for (let j = bs; j < be; j++) {
    const c = count.get(b[j]);
    if (!c) continue;
    c.b++;
    c.bi = j;
  }
  const pairs: [number, number][] = [];
  for (let i = as; i < ae; i++) {
    const c = count.get(a[i])!;
    if (c.a === 1 && c.b === 1) pairs.push([i, c.bi]);
  }
  return longestIncreasing(pairs);
}

/** Patience sorting: the longest subsequence of pairs increasing in their second index. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tops: number[] = []; // index into pairs of the top of each pile
  const prev: number[] = new Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    let lo = 0;
    let hi = tops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tops[mid]][1] < pairs[k][1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tops[lo - 1];
    tops[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tops.length ? tops[tops.length - 1] : -1; k >= 0; k = prev[k]) out.push(pairs[k]);
  return out.reverse();
}

const MAX_MYERS_EDITS = 2000;

/** A region without anchors: Myers when it is cheap, else one replacement. */
function gap(a: readonly string[], as: number, ae: number, b: readonly string[], bs: number, be: number): LineOp[] {
  const ops: LineOp[] = [];
  if (as === ae && bs === be) return ops;
  if (as < ae && bs < be && (ae - as) + (be - bs) <= 20000) {
    const parts = diffArrays(a.slice(as, ae) as string[], b.slice(bs, be) as string[], { maxEditLength: MAX_MYERS_EDITS });
    if (parts) {
      let i = as;
      let j = bs;
      for (const p of parts) {
        for (let k = 0; k < p.count!; k++) {
          if (p.added) ops.push({ op: '+', old: i, new: j++ });
          else if (p.removed) ops.push({ op: '-', old: i++, new: j });
          else ops.push({ op: '=', old: i++, new: j++ });
        }
      }
      return ops;
    }
  }
  for (let i = as; i < ae; i++) ops.push({ op: '-', old: i, new: bs });
  for (let j = bs; j < be; j++) ops.push({ op: '+', old: ae, new: j });
  return ops;
}
