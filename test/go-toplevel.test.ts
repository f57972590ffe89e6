import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { topLevelDecls } from '../src/go/toplevel.js';
import { loadGoParser } from '../src/go/parser.js';
import { gorootSample, haveGo } from './helpers/go-tool.js';

const names = (src: string) => topLevelDecls(src).decls.map((d) => `${d.keyword}${d.method ? '(method)' : ''}:${d.names.map((n) => n.name).join(',')}`);

test.each([
  ['func and method', 'package p\n\nfunc any() {}\nfunc (r T) any() {}\n', ['package:', 'func:any', 'func(method):']],
  ['groups and lists', 'package p\n\nvar (\n\ta, b = 1, 2\n\tc int\n)\nconst x, y = 1, 2\ntype (\n\tT int\n\tU = T\n)\n', ['package:', 'var:a,b,c', 'const:x,y', 'type:T,U']],
  ['imports', 'package p\n\nimport (\n\t"fmt"\n\tany "strings"\n\t. "os"\n\t_ "embed"\n)\nimport f "fmt"\n', ['package:', 'import:any,.,_', 'import:f']],
  ['strings, runes, comments and raw strings do not confuse it', 'package p\n\nvar s = "func x() {" + `\n}\n` + \'{\' // }\n/* func y() */\nfunc z() { _ = "}" }\n', ['package:', 'var:s', 'func:z']],
  ['generic types and functions', 'package p\n\ntype S[T any] struct{ x T }\n\nfunc F[T any, U comparable](t T) {}\n\nfunc (s S[T]) M() {}\n', ['package:', 'type:S', 'func:F', 'func(method):']],
  ['semicolons and one-line groups', 'package p; var a = 1; var ( b = 2; c = 3 ); func f() { return }', ['package:', 'var:a', 'var:b,c', 'func:f']],
  ['numbers with exponents and hex', 'package p\n\nconst e, h = 1e+5, 0x1p-2\nvar n = 0xe+1\n', ['package:', 'const:e,h', 'var:n']],
  ['Unicode names', 'package p\n\nvar 名前, ñ = 1, 2\n', ['package:', 'var:名前,ñ']],
])('%s', (_name, src, want) => {
  const r = topLevelDecls(src);
  expect(r.ok).toBe(true);
  expect(names(src)).toEqual(want);
  for (const d of r.decls) for (const n of d.names) expect(src.slice(n.start, n.start + n.name.length)).toBe(n.name);
});

test('an unterminated string or bracket is reported, for a fallback to the parser', () => {
  expect(topLevelDecls('package p\n\nvar s = "abc\n').ok).toBe(false);
  expect(topLevelDecls('package p\n\nfunc f() {\n').ok).toBe(false);
  expect(topLevelDecls('package p\n\n/* open').ok).toBe(false);
});

/** tree-sitter's view of the same thing, for the property test. */
function fromTree(root: Node): string[] {
  const kw: Record<string, string> = {
    function_declaration: 'func',
    method_declaration: 'func',
    type_declaration: 'type',
    var_declaration: 'var',
    const_declaration: 'const',
    import_declaration: 'import',
    package_clause: 'package',
  };
  const out: string[] = [];
  for (const c of root.namedChildren) {
    if (!c || !kw[c.type]) continue;
    const ns: string[] = [];
    if (c.type === 'function_declaration') ns.push(c.childForFieldName('name')!.text);
    else if (c.type !== 'method_declaration' && c.type !== 'package_clause') {
      const specs = c.namedChildren.flatMap((x) => (x && x.type.endsWith('_list') ? x.namedChildren : [x]));
      for (const s of specs) {
        if (!s || !['type_spec', 'type_alias', 'var_spec', 'const_spec', 'import_spec'].includes(s.type)) continue;
        for (const n of s.childrenForFieldName('name')) if (n && n.text !== ',') ns.push(n.text);
      }
    }
    out.push(`${kw[c.type]} ${c.startIndex}-${c.endIndex} ${c.type === 'method_declaration' ? 'method' : ns.join(',')}`);
  }
  return out;
}

const goOk = haveGo();
(goOk ? test : test.skip)('agrees with tree-sitter on every 10th file of the Go source tree', async () => {
  const files = gorootSample(10);
  expect(files.length).toBeGreaterThan(300);
  const parser = await loadGoParser();
  const mismatches: string[] = [];
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    const tree = parser.parse(src);
    try {
      if (tree.rootNode.hasError) continue;
      const want = fromTree(tree.rootNode);
      const got = topLevelDecls(src).decls.map((d) => `${d.keyword} ${d.start}-${d.end} ${d.method ? 'method' : d.names.map((n) => n.name).join(',')}`);
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(f);
    } finally {
      tree.delete();
    }
  }
  expect(mismatches).toEqual([]);
});
