/** src/go/position.ts: go vet style positions, exact on lines of any length. */
import fc from 'fast-check';
import { LineIndex } from '../src/go/position.js';

const naive = (text: string, offset: number) => {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return { line: text.slice(0, offset).split('\n').length, column: Buffer.byteLength(text.slice(lineStart, offset), 'utf8') + 1 };
};

test('columns on long lines (past the marks) count UTF-8 bytes exactly, surrogate pairs included', () => {
  const piece = fc.constantFrom('a', 'é', '世', '😀', '\n', 'x'.repeat(3000), '😀'.repeat(2100), '\uFEFF');
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (pieces, picks) => {
      const text = pieces.join('');
      const index = new LineIndex(text);
      for (const p of picks) {
        let offset = p % (text.length + 1);
        // Offsets from tree-sitter never split a surrogate pair.
        const c = text.charCodeAt(offset);
        if (c >= 0xdc00 && c <= 0xdfff) offset--;
        expect(index.position(offset)).toEqual(naive(text, offset));
      }
    }),
    { numRuns: 150 },
  );
});
