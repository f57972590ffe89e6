/**
 * Scope answers of the toolkit (src/go/scopes.ts, refersToImport in src/go/imports.ts): what a
 * name means at a point, from syntax and the Go spec's scope rules; and the small helpers
 * captures() and utf8Length().
 */
import fc from 'fast-check';
import { captureAll, captures, declarationScopes, declaredInPackage, isShadowed, refersToImport, topLevelDecls, utf8Length } from 'gocodemod';
import { loadGoParser } from '../src/go/parser.js';
import type { Tree } from 'web-tree-sitter';

type File = { source: string; tree: Tree; topLevel: ReturnType<typeof topLevelDecls> };

async function withFiles<T>(sources: string[], fn: (files: File[]) => T): Promise<T> {
  const parser = await loadGoParser();
  const files = sources.map((source) => ({ source, tree: parser.parse(source), topLevel: topLevelDecls(source) }));
  try {
    return fn(files);
  } finally {
    for (const f of files) f.tree.delete();
  }
}

/** The offset of the `n`-th (0-based) occurrence of `word` in `src`. */
function nth(src: string, word: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = src.indexOf(word, at + 1);
  if (at < 0) throw new Error(`no occurrence ${n} of ${word}`);
  return at;
}

const OS_LOCAL = `package p

import "os"

func a() { _ = os.Args }

func b() {
	_ = os.Args
	os := struct{ Args []string }{}
	_ = os.Args
}
`;

test('a local declaration shadows from its end to the end of its block, not before', async () => {
  await withFiles([OS_LOCAL], ([f]) => {
    const scopes = declarationScopes(f, 'os');
    expect(scopes).toEqual([{ start: OS_LOCAL.indexOf('}{}') + 3, end: OS_LOCAL.lastIndexOf('}') + 1 }]);
    expect(isShadowed([f], f, 'os', nth(OS_LOCAL, 'os.Args', 0))).toBe(true); // the file's own import
    expect(refersToImport(f, 'os', nth(OS_LOCAL, 'os.Args', 0))).toBe(true);
    expect(refersToImport(f, 'os', nth(OS_LOCAL, 'os.Args', 1))).toBe(true); // before the declaration
    expect(refersToImport(f, 'os', nth(OS_LOCAL, 'os.Args', 2))).toBe(false); // the local variable
  });
});

test('an import name is in scope in its own file only; package-level declarations in every file', async () => {
  const importer = 'package p\n\nimport "os"\n\nvar _ = os.Args\n';
  const other = 'package p\n\nfunc f() { _ = len("") }\n';
  const declarer = 'package p\n\nfunc len(string) int { return 0 }\n';
  await withFiles([importer, other, declarer], ([imp, oth, dec]) => {
    expect(declaredInPackage([imp, oth], 'os')).toBe(false);
    expect(isShadowed([imp, oth], oth, 'os', 0)).toBe(false); // free in the other file: an import may bind it
    expect(isShadowed([imp, oth], imp, 'os', importer.indexOf('os.Args'))).toBe(true);
    expect(declaredInPackage([oth, dec], 'len')).toBe(true);
    expect(isShadowed([oth, dec], oth, 'len', other.indexOf('len'))).toBe(true);
    expect(isShadowed([oth], oth, 'len', other.indexOf('len'))).toBe(false); // the predeclared len
  });
});

test('refersToImport follows the file\'s own name for a package, and nothing else', async () => {
  const src = 'package p\n\nimport iu "io/ioutil"\n\nvar _, _ = iu.ReadFile("x")\n\nfunc f(ioutil int) int { return ioutil }\n';
  await withFiles([src], ([f]) => {
    expect(refersToImport(f, 'iu', src.indexOf('iu.ReadFile'))).toBe(true);
    expect(refersToImport(f, 'ioutil', src.indexOf('return ioutil') + 7)).toBe(false);
  });
});

test('parameters, range variables and type switch variables scope as the spec says', async () => {
  const src = `package p

func f(any int) {
	_ = any
}

func g(xs []int) {
	for any := range xs {
		_ = any
	}
	var _ any
}
`;
  await withFiles([src], ([f]) => {
    const scopes = declarationScopes(f, 'any');
    if (scopes === 'package') throw new Error('expected local scopes');
    const inScope = (at: number) => scopes.some((s) => s.start <= at && at < s.end);
    expect(inScope(nth(src, '_ = any', 0))).toBe(true);
    expect(inScope(nth(src, '_ = any', 1))).toBe(true);
    expect(inScope(src.indexOf('var _ any') + 6)).toBe(false);
  });
});

test('captures() by name; captureAll() for a quantified capture', async () => {
  const src = 'package p\n\nvar _ = f(1, 2, 3)\n';
  const parser = await loadGoParser();
  const tree = parser.parse(src);
  try {
    const [m] = parser.query('(call_expression function: (identifier) @fn arguments: (argument_list ((_) @arg ","?)*)) @call').matches(tree.rootNode);
    const { fn, call, arg } = captures(m);
    expect([fn.text, call.text, arg.text]).toEqual(['f', 'f(1, 2, 3)', '1']);
    expect(captureAll(m, 'arg').map((n) => n.text)).toEqual(['1', '2', '3']);
    expect(captures(m).missing).toBeUndefined();
  } finally {
    tree.delete();
  }
});

test('utf8Length counts bytes as Buffer.byteLength does, lone surrogates included', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('\ud800', '\udc00', 'a', 'é', '😀') }), (a, b) => {
      const s = a + b;
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
      expect(utf8Length(s, 1, s.length - 1)).toBe(Buffer.byteLength(s.slice(1, Math.max(1, s.length - 1)), 'utf8'));
    }),
  );
});
