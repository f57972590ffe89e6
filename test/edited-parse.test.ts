/**
 * src/engine/edited-parse.ts: the tree of an edited text, parsed incrementally from the old
 * tree, is the tree a fresh parse gives, node for node (type, offsets, rows and columns),
 * for random edits of real Go files and of texts with non-ASCII characters, CRLF lines and
 * edits that break the syntax.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Tree } from 'web-tree-sitter';
import { applyEdits } from '../src/go/edits.js';
import { loadGoParser, type GoParser } from '../src/go/parser.js';
import { parseEdited } from '../src/engine/edited-parse.js';
import type { Edit } from '../src/go/codemod.js';
import { gorootSample, haveGo } from './helpers/go-tool.js';

/** Every node of the tree, in order, with where it is. */
function shape(tree: Tree): string[] {
  const out: string[] = [];
  const c = tree.walk();
  for (;;) {
    const n = c.currentNode;
    out.push(`${n.type}${n.isMissing ? '!' : ''} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column}`);
    if (c.gotoFirstChild()) continue;
    while (!c.gotoNextSibling()) if (!c.gotoParent()) return (c.delete(), out);
  }
}

const SNIPPETS = ['', 'x', '\n', '\r\n', ' := ', 'é', '𝄞', '// 注释\n', '"s"', '{', '}', 'func f() {}\n', 'for i := range n {\n\t_ = i\n}\n', '(', ')', '\t', 'interface{}', 'any'];

/** Non-overlapping edits of `text`, from fast-check's picks. */
const editsOf = (text: string, picks: [number, number, number][]): Edit[] => {
  const edits: Edit[] = [];
  let from = 0;
  for (const [at, len, snippet] of [...picks].sort((a, b) => a[0] - b[0])) {
    let start = from + (at % Math.max(1, text.length - from + 1));
    if (start > text.length) break;
    // Never between the halves of a surrogate pair.
    if ((text.charCodeAt(start) & 0xfc00) === 0xdc00) start++;
    let end = Math.min(text.length, start + (len % 12));
    if ((text.charCodeAt(end) & 0xfc00) === 0xdc00) end++;
    if (start > text.length || end > text.length) break;
    edits.push({ start, end, text: SNIPPETS[snippet % SNIPPETS.length] });
    from = end;
  }
  return edits;
};

/** The edits fast-check picked, made to `text`: the incremental tree must be the fresh one. */
function expectSameTree(parser: GoParser, text: string, picks: [number, number, number][]): void {
  const edits = editsOf(text, picks);
  const out = applyEdits(text, edits);
  const old = parser.parse(text);
  const got = parseEdited(parser, text, old, edits, out);
  const want = parser.parse(out);
  try {
    expect(shape(got)).toEqual(shape(want));
  } finally {
    for (const t of [old, got, want]) t.delete();
  }
}

const TEXTS = [
  'package p\r\n\r\nimport "fmt"\r\n\r\nfunc F(xs []int) {\r\n\tfor i := 0; i < len(xs); i++ {\r\n\t\tfmt.Println("é𝄞", i)\r\n\t}\r\n}\r\n',
  'package p\n\n// Ünïcödé: 日本語 𝄞\nvar s = "𝄞é" + `raw\nstring`\n\nfunc G[T interface{ ~int | ~string }](v T) T { return v }\n',
  'package p\n\nfunc broken( {\n\tx := \n}\n',
];

test('the incremental tree is the fresh tree (texts with CRLF, non-ASCII, broken syntax; random edits)', async () => {
  const parser = await loadGoParser();
  fc.assert(
    fc.property(fc.constantFrom(...TEXTS), fc.array(fc.tuple(fc.nat(400), fc.nat(30), fc.nat(40)), { maxLength: 6 }), (text, picks) => expectSameTree(parser, text, picks)),
    { numRuns: 300, seed: 17 },
  );
});

(haveGo() ? test : test.skip)('the same on real Go files of GOROOT/src', async () => {
  const parser = await loadGoParser();
  const files = gorootSample(400).map((f) => readFileSync(f, 'utf8'));
  fc.assert(
    fc.property(fc.constantFrom(...files), fc.array(fc.tuple(fc.nat(1 << 20), fc.nat(30), fc.nat(40)), { minLength: 1, maxLength: 4 }), (text, picks) => expectSameTree(parser, text, picks)),
    { numRuns: 60, seed: 17 },
  );
});
