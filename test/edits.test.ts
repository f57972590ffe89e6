import { mergeFixes, validateFixEdits, type PendingFix } from '../src/engine/edits.js';
import { applyEdits, mapOffsetBack, overlaps } from '../src/go/edits.js';

const fix = (codemod: string, id: number, ...edits: [number, number, string][]): PendingFix => ({
  codemod,
  id,
  message: `fix ${id}`,
  edits: edits.map(([start, end, text]) => ({ start, end, text, file: 'a.go' })),
});

describe('overlaps', () => {
  test.each([
    [[0, 3], [3, 5], false], // touching ranges
    [[0, 3], [2, 5], true],
    [[2, 2], [2, 2], true], // two insertions at one point: order would be a guess
    [[2, 2], [0, 5], true], // insertion strictly inside a replacement
    [[0, 2], [2, 2], false], // insertion at the end of a replacement
    [[4, 4], [0, 4], false],
  ])('%j vs %j -> %s', (a, b, want) => {
    const e = (r: number[]) => ({ start: r[0], end: r[1], text: 'x' });
    expect(overlaps(e(a as number[]), e(b as number[]))).toBe(want);
    expect(overlaps(e(b as number[]), e(a as number[]))).toBe(want);
  });
});

describe('mergeFixes', () => {
  test('a fix overlapping an earlier one is a conflict naming the earlier codemod', () => {
    const a = fix('first', 1, [0, 5, 'A']);
    const b = fix('second', 2, [3, 8, 'B']);
    const c = fix('third', 3, [8, 9, 'C']);
    const { accepted, conflicts } = mergeFixes([a, b, c]);
    expect(accepted).toEqual([a, c]);
    expect(conflicts).toEqual([{ fix: b, with: 'first', start: 3 }]);
  });

  test('a fix is atomic: one clashing edit keeps all of its edits out', () => {
    const a = fix('first', 1, [10, 12, 'A']);
    const b = fix('second', 2, [0, 1, 'B'], [11, 13, 'B']);
    const { accepted } = mergeFixes([a, b]);
    expect(accepted).toEqual([a]);
  });

  test('identical edits from two codemods are not a conflict and apply once', () => {
    const a = fix('first', 1, [0, 5, 'same']);
    const b = fix('second', 2, [0, 5, 'same']);
    const { accepted, conflicts } = mergeFixes([a, b]);
    expect(conflicts).toEqual([]);
    expect(applyEdits('hello world', accepted.flatMap((f) => f.edits))).toBe('same world');
  });

  test('edits on different files never overlap', () => {
    const a = fix('first', 1, [0, 5, 'A']);
    const b: PendingFix = { ...fix('second', 2, [0, 5, 'B']), edits: [{ start: 0, end: 5, text: 'B', file: 'b.go' }] };
    expect(mergeFixes([a, b]).conflicts).toEqual([]);
  });
});

describe('validateFixEdits', () => {
  const ten = '0123456789';
  test('out of range and overlapping edits inside one fix are reported', () => {
    expect(validateFixEdits([{ start: 0, end: 20, text: '' }], ten)).toMatch(/out of range/);
    expect(validateFixEdits([{ start: -1, end: 2, text: '' }], ten)).toMatch(/out of range/);
    expect(validateFixEdits([{ start: 5, end: 2, text: '' }], ten)).toMatch(/out of range/);
    expect(
      validateFixEdits(
        [
          { start: 0, end: 4, text: '' },
          { start: 3, end: 6, text: '' },
        ],
        ten,
      ),
    ).toMatch(/overlap/);
    expect(validateFixEdits([{ start: 0, end: 10, text: 'ok' }], ten)).toBeUndefined();
  });

  test('an edit inside a surrogate pair (half an emoji) is refused', () => {
    const text = 'a😀b';
    expect(validateFixEdits([{ start: 2, end: 2, text: 'Z' }], text)).toMatch(/splits a character/);
    expect(validateFixEdits([{ start: 1, end: 3, text: 'Z' }], text)).toBeUndefined();
  });
});

test('an insertion accepted before a replacement at the same offset still guards it', () => {
  // Found by the diff/write property test: the replacement used to sort after the insertion
  // and was missed when checking an edit inside it.
  const insert = fix('a', 1, [11, 11, '// top\n']);
  const replace = fix('b', 2, [11, 17, '// x']);
  const inside = fix('c', 3, [14, 15, 'B']);
  const { accepted, conflicts } = mergeFixes([insert, replace, inside]);
  expect(accepted).toEqual([insert, replace]);
  expect(conflicts.map((c) => [c.fix.codemod, c.with])).toEqual([['c', 'b']]);
});

describe('applyEdits and mapOffsetBack', () => {
  test('applies in offset order whatever the input order', () => {
    const text = 'var x interface{} = y';
    const edits = [
      { start: 20, end: 21, text: 'z' },
      { start: 6, end: 17, text: 'any' },
    ];
    expect(applyEdits(text, edits)).toBe('var x any = z');
  });

  test('maps offsets of the new text back to the old one', () => {
    const edits = [{ start: 6, end: 17, text: 'any' }];
    // "var x interface{} = y" -> "var x any = y"
    expect(mapOffsetBack(4, edits)).toBe(4); // before the edit
    expect(mapOffsetBack(6, edits)).toBe(6); // inside the replacement -> its start
    expect(mapOffsetBack(12, edits)).toBe(20); // "y" moved back by 8
  });
});
