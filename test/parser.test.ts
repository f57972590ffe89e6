/** UTF-16 offsets: tree-sitter indices slice the JS string, whatever precedes them. */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { grammarPath, loadGoParser } from '../src/go/parser.js';
import { LineIndex } from '../src/go/position.js';
import { errorRegions } from '../src/engine/syntax-errors.js';

const sources: [string, string][] = [
  ['Chinese comment', 'package p\n\n// 中文注释：空接口\nvar x interface{} = 1\n'],
  ['emoji in a string', 'package p\n\nvar s = "😀😀"\nvar x interface{} = s\n'],
  ['CRLF line ends', 'package p\r\n\r\n// é\r\nvar x interface{} = 1\r\n'],
  ['BOM', '\uFEFFpackage p\n\nvar x interface{} = "ü"\n'],
];

test.each(sources)('%s: node offsets are string indices', async (_name, src) => {
  const parser = await loadGoParser();
  const tree = parser.parse(src);
  try {
    const [cap] = parser.query('(interface_type) @i').captures(tree.rootNode);
    expect(src.slice(cap.node.startIndex, cap.node.endIndex)).toBe('interface{}');
    expect(cap.node.startIndex).toBe(src.indexOf('interface{}'));
    expect(tree.rootNode.hasError).toBe(false);
  } finally {
    tree.delete();
  }
});

test('positions print 1-based lines and byte columns, as go vet does', () => {
  const src = 'package p\n// 中文\nvar 😀x, y = 1, 2\n';
  const idx = new LineIndex(src);
  expect(idx.position(src.indexOf('y'))).toEqual({ line: 3, column: 1 + Buffer.byteLength('var 😀x, ') });
  expect(idx.position(0)).toEqual({ line: 1, column: 1 });
  const crlf = 'a\r\nbc';
  expect(new LineIndex(crlf).position(4)).toEqual({ line: 2, column: 2 });
});

test('syntax errors and missing tokens are found, with lines', async () => {
  const parser = await loadGoParser();
  const src = 'package p\n\nfunc f() {\n\tx := \n}\n';
  const tree = parser.parse(src);
  try {
    const regions = errorRegions(tree, src);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions[0].line).toBe(4);
  } finally {
    tree.delete();
  }
});

test('the grammar loaded at run time is the one recorded in grammars/PROVENANCE.json', () => {
  const provenance = JSON.parse(readFileSync(join(grammarPath(), '..', 'PROVENANCE.json'), 'utf8'));
  const sha = createHash('sha256').update(readFileSync(grammarPath())).digest('hex');
  expect(sha).toBe(provenance.sha256);
  const pinned = JSON.parse(readFileSync(join(grammarPath(), '..', '..', 'package.json'), 'utf8')).devDependencies['tree-sitter-go'];
  expect(pinned).toBe(provenance.upstream.version);
});
