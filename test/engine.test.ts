/** The engine on one package, with small codemods written for each rule. */
import { readFileSync } from 'node:fs';
import { runUnit, type LoadedCodemod, type UnitFile } from '../src/engine/engine.js';
import { loadGoParser } from '../src/go/parser.js';
import { defineCodemod, type Codemod, type Context } from '../src/go/codemod.js';
import { fixer } from '../src/go/fixer.js';
import { loadGofmt } from '../src/engine/gofmt.js';

const file = (path: string, source: string, extra: Partial<UnitFile> = {}): UnitFile => ({
  path,
  source,
  goVersion: '1.22',
  packageName: 'p',
  ...extra,
});
const load = (...codemods: Codemod<any>[]): LoadedCodemod[] => codemods.map((codemod) => ({ codemod, options: {} }));

/** Replaces every occurrence of `from` (a whole identifier node) with `to`. */
const rename = (name: string, from: string, to: string, extra: Partial<Codemod> = {}) =>
  defineCodemod({
    name,
    description: `${from} -> ${to}`,
    ...extra,
    run(ctx: Context) {
      for (const f of ctx.files) {
        if (!f.editable) continue;
        for (const c of ctx.query('(identifier) @id').captures(f.tree.rootNode)) {
          if (c.node.text === from) ctx.report({ file: f, start: c.node.startIndex, end: c.node.endIndex, message: `${from} is ${to}`, fixes: [{ message: 'rename', edits: [fixer.replace(c.node, to)] }] });
        }
      }
    },
  });

const run1 = async (codemods: LoadedCodemod[], files: UnitFile[]) => runUnit(await loadGoParser(), codemods, files);

test('fixes of several codemods merge into one output', async () => {
  const [out] = await run1(load(rename('a', 'x', 'y'), rename('b', 'z', 'w')), [file('p.go', 'package p\n\nvar x, z = 1, 2\n')]);
  expect(out.output).toBe('package p\n\nvar y, w = 1, 2\n');
  expect(out.changes).toEqual(new Map([['a', 1], ['b', 1]]));
  expect(out.findings.map((f) => [f.codemod, f.line, f.column, f.fixed])).toEqual([
    ['a', 3, 5, true],
    ['b', 3, 8, true],
  ]);
});

test('an overlapping fix is a conflict naming both codemods, and lands in a later round', async () => {
  // Both rewrite x; the second codemod's fix to x conflicts, then finds nothing to do (y != x).
  // A third codemod rewriting y -> v runs again in round 2 on the result and applies.
  const [out] = await run1(load(rename('first', 'x', 'y'), rename('second', 'x', 'q'), rename('third', 'y', 'v')), [
    file('p.go', 'package p\n\nvar x = 1\n'),
  ]);
  expect(out.notes.map((n) => n.message)).toEqual([expect.stringMatching(/conflict: this fix of second overlaps a fix of first/)]);
  expect(out.output).toBe('package p\n\nvar v = 1\n');
  // Positions of round-2 findings are mapped back to the file as read.
  expect(out.findings.find((f) => f.codemod === 'third')).toMatchObject({ line: 3, column: 5, fixed: true });
});

test('a crashing codemod makes its file an error, keeps it unchanged, and spares other files', async () => {
  const boom = defineCodemod({
    name: 'boom',
    description: 'throws on b.go',
    run(ctx) {
      if (ctx.file.path === 'b.go') throw new Error('kaput');
    },
  });
  const outs = await run1(load(rename('a', 'x', 'y'), boom), [file('a.go', 'package p\n\nvar x = 1\n'), file('b.go', 'package p\n\nvar x2, x = 1, 2\n')]);
  expect(outs[0].output).toBe('package p\n\nvar y = 1\n');
  expect(outs[1].output).toBe(outs[1].original);
  expect(outs[1].errors).toEqual([{ codemod: 'boom', message: 'codemod boom crashed: kaput', crash: expect.any(Object) }]);
  // The stack, for the author: from the throw up to the codemod's run, nothing of the engine below it.
  const { crash } = outs[1].errors[0];
  const throwLine = readFileSync(import.meta.filename, 'utf8').split('\n').findIndex((l) => l.includes("throw new Error('kaput')")) + 1;
  expect(crash!.error).toBe('Error: kaput');
  expect(crash!.frames[0]).toMatchObject({ file: import.meta.filename, line: throwLine, fn: expect.stringMatching(/run$/) });
  expect(crash!.frames.filter((f) => /[/\\]src[/\\](engine|run)[/\\]/.test(f.file ?? ''))).toEqual([]);
});

test.each([
  ['out of range', [{ start: 0, end: 9999, text: '' }], /out of range/],
  ['overlapping inside one fix', [{ start: 0, end: 5, text: 'a' }, { start: 3, end: 7, text: 'b' }], /overlap/],
])('a fix with edits %s is an error naming the codemod', async (_name, edits, re) => {
  const bad = defineCodemod({
    name: 'bad',
    description: 'returns a broken fix',
    run(ctx) {
      ctx.report({ start: 0, end: 1, message: 'm', fixes: [{ message: 'f', edits }] });
    },
  });
  const [out] = await run1(load(bad, rename('a', 'x', 'y')), [file('a.go', 'package p\n\nvar x = 1\n')]);
  expect(out.errors).toEqual([{ codemod: 'bad', message: expect.stringMatching(re) }]);
  expect(out.output).toBe(out.original);
});

test('edits touching a syntax error region are refused; edits elsewhere apply', async () => {
  const src = 'package p\n\nvar x = 1\n\nfunc f() {\n\tx := \n}\n';
  const [out] = await run1(load(rename('a', 'x', 'y')), [file('a.go', src)]);
  expect(out.output).toBe('package p\n\nvar y = 1\n\nfunc f() {\n\tx := \n}\n');
  expect(out.notes).toEqual([expect.objectContaining({ line: 6, message: expect.stringMatching(/syntax error \(line 6\)/) })]);
});

test('a result that parses worse than the input is refused whole, as an error', async () => {
  const breaker = defineCodemod({
    name: 'breaker',
    description: 'deletes a closing brace',
    run(ctx) {
      const at = ctx.file.source.lastIndexOf('}');
      ctx.report({ start: at, end: at + 1, message: 'drop brace', fixes: [{ message: 'f', edits: [{ start: at, end: at + 1, text: '' }] }] });
    },
  });
  const [out] = await run1(load(breaker, rename('a', 'x', 'y')), [file('a.go', 'package p\n\nvar x = 1\n\nfunc f() {\n}\n')]);
  expect(out.output).toBe(out.original);
  expect(out.errors).toEqual([{ message: expect.stringMatching(/more syntax error.*breaker/) }]);
});

test('minGo: older files are skipped with the reason; newer ones are edited', async () => {
  const outs = await run1(load(rename('modern', 'x', 'y', { minGo: '1.18' })), [
    file('old.go', 'package p\n\nvar x = 1\n', { goVersion: '1.17' }),
    file('new.go', 'package p\n\nvar x2, x = 1, 2\n', { goVersion: '1.21.3' }),
  ]);
  expect(outs[0].output).toBe(outs[0].original);
  expect(outs[0].skippedBy).toEqual([{ codemod: 'modern', reason: 'go 1.17 is older than 1.18' }]);
  expect(outs[1].output).toContain('var x2, y = 1, 2');
});

test('package scope: one run sees every file; context files are read, never edited', async () => {
  const seen: string[][] = [];
  const pkgWide = defineCodemod({
    name: 'pkg-wide',
    description: 'renames x everywhere in the package when gen.go declares marker',
    scope: 'package',
    run(ctx) {
      seen.push(ctx.files.map((f) => `${f.path}:${f.editable}`));
      if (!ctx.files.some((f) => f.source.includes('marker'))) return;
      for (const f of ctx.files) {
        const at = f.source.indexOf(' x ');
        if (at >= 0) ctx.report({ file: f, start: at + 1, end: at + 2, message: 'x', fixes: [{ message: 'f', edits: [{ start: at + 1, end: at + 2, text: 'y' }] }] });
      }
    },
  });
  const outs = await run1(load(pkgWide), [
    file('a.go', 'package p\n\nvar x = 1\n'),
    file('gen.go', '// Code generated by hand. DO NOT EDIT.\n\npackage p\n\nvar marker, x = 1, 2\n', { contextOnly: 'generated' }),
  ]);
  expect(seen[0]).toEqual(['a.go:true', 'gen.go:false']);
  expect(outs.map((o) => o.path)).toEqual(['a.go']); // no outcome for context files
  expect(outs[0].output).toBe('package p\n\nvar y = 1\n');
});

test('needles: a file without them is not given to the codemod', async () => {
  const visited: string[] = [];
  const picky = defineCodemod({
    name: 'picky',
    description: 'needs unsafe',
    needles: ['unsafe'],
    run(ctx) {
      visited.push(ctx.file.path);
    },
  });
  await run1(load(picky), [file('a.go', 'package p\n'), file('b.go', 'package p\n\nimport "unsafe"\n\nvar _ = unsafe.Sizeof(0)\n')]);
  expect(visited).toEqual(['b.go']);
});

describe('with real gofmt', () => {
  const runFmt = async (codemods: LoadedCodemod[], files: UnitFile[]) => runUnit(await loadGoParser(), codemods, files, { gofmt: await loadGofmt() });

  test('a gofmt-clean file stays gofmt-clean: columns an edit moved are re-aligned', async () => {
    const src = 'package p\n\nvar (\n\tLonger = 1 // a\n\tx      = 2 // b\n)\n';
    const [out] = await runFmt(load(rename('a', 'x', 'xx')), [file('a.go', src)]);
    expect(out.output).toBe('package p\n\nvar (\n\tLonger = 1 // a\n\txx     = 2 // b\n)\n');
  });

  test('a file that was not gofmt-clean is not reformatted', async () => {
    const src = 'package p\n\nvar   x = 1\n';
    const [out] = await runFmt(load(rename('a', 'x', 'y')), [file('a.go', src)]);
    expect(out.output).toBe('package p\n\nvar   y = 1\n');
  });

  test("a result Go's parser rejects is refused, even where tree-sitter accepts it", async () => {
    // tree-sitter-go accepts an import after other declarations; Go's parser does not.
    const lateImport = defineCodemod({
      name: 'late-import',
      description: 'appends an import',
      run(ctx) {
        const end = ctx.file.source.length;
        ctx.report({ start: end, end, message: 'm', fixes: [{ message: 'f', edits: [{ start: end, end, text: '\nimport "fmt"\n' }] }] });
      },
    });
    const [out] = await runFmt(load(lateImport), [file('a.go', 'package p\n\nvar x = 1\n')]);
    expect(out.output).toBe(out.original);
    expect(out.errors).toEqual([{ message: expect.stringMatching(/Go's parser rejects the result/) }]);
  });

  // gofmt's WASM build runs go/format.Source, which takes declaration and statement lists too.
  test.each([
    ['deletes the package clause', (src: string) => ({ start: 0, end: src.indexOf('\n') + 1, text: '' }), "2:1: expected 'package', found 'var'"],
    ['empties the file', (src: string) => ({ start: 0, end: src.length, text: '' }), "1:1: expected 'package', found 'EOF'"],
    ['puts a comment and a statement before it', () => ({ start: 0, end: 0, text: '// c\nx := 1\n' }), "2:1: expected 'package', found 'x'"],
  ])('a result without a package clause is refused when a codemod %s', async (_name, edit, error) => {
    const cut = defineCodemod({
      name: 'cut',
      description: 'test',
      run(ctx) {
        if (!ctx.file.source.startsWith('package')) return;
        ctx.report({ start: 0, end: 0, message: 'm', fixes: [{ message: 'f', edits: [edit(ctx.file.source)] }] });
      },
    });
    const [out] = await runFmt(load(cut), [file('a.go', 'package p\n\nvar x = 1\n')]);
    expect(out.errors).toEqual([{ message: `edits refused: Go's parser rejects the result (${error})` }]);
    expect(out.output).toBe(out.original);
  });

  test('an input without a package clause is not held to it (it is not a Go file to go/parser)', async () => {
    const [out] = await runFmt(load(rename('a', 'x', 'y')), [file('a.go', 'var x = 1\n')]);
    expect(out.errors).toEqual([]);
    expect(out.output).toBe('var y = 1\n');
  });
});

test('two fixes sharing an identical edit both apply, the shared edit once', async () => {
  const shared = (name: string, word: string) =>
    defineCodemod({
      name,
      description: 'renames one word and deletes a shared comment',
      run(ctx) {
        const src = ctx.file.source;
        const w = src.indexOf(word);
        const c = src.indexOf('// drop me\n');
        if (w < 0 || c < 0) return;
        ctx.report({
          start: w,
          end: w + word.length,
          message: name,
          fixes: [{ message: name, edits: [{ start: w, end: w + word.length, text: word.toUpperCase() }, { start: c, end: c + 11, text: '' }] }],
        });
      },
    });
  const [out] = await run1(load(shared('one', 'alpha'), shared('two', 'beta')), [file('a.go', 'package p\n\n// drop me\nvar alpha, beta = 1, 2\n')]);
  expect(out.errors).toEqual([]);
  expect(out.output).toBe('package p\n\nvar ALPHA, BETA = 1, 2\n');
});

test('a fix spanning two files is taken back from both when one file is refused at the end', async () => {
  const crossFile = defineCodemod({
    name: 'cross-file',
    description: 'edits a.go and b.go in one fix; the b.go part is something Go rejects',
    scope: 'package',
    run(ctx) {
      const a = ctx.files.find((f) => f.path === 'a.go')!;
      const b = ctx.files.find((f) => f.path === 'b.go')!;
      const at = a.source.indexOf('x');
      if (a.source.includes('var y')) return;
      const end = b.source.length;
      ctx.report({
        file: a,
        start: at,
        end: at + 1,
        message: 'joined',
        fixes: [{ message: 'f', edits: [{ file: 'a.go', start: at, end: at + 1, text: 'y' }, { file: 'b.go', start: end, end, text: '\nimport "fmt"\n' }] }],
      });
    },
  });
  const outs = await runUnit(await loadGoParser(), load(crossFile), [file('a.go', 'package p\n\nvar x = 1\n'), file('b.go', 'package p\n\nvar z = 2\n')], { gofmt: await loadGofmt() });
  expect(outs.map((o) => o.output === o.original)).toEqual([true, true]);
  expect(outs[1].errors[0].message).toMatch(/Go's parser rejects/);
  expect(outs[0].errors[0].message).toMatch(/also changed b\.go, which was refused/);
});

test('a fix whose edits all landed through an identical fix counts as applied', async () => {
  const twin = (name: string) =>
    defineCodemod({
      name,
      description: 'both report the same fix',
      run(ctx) {
        const at = ctx.file.source.indexOf('x =');
        if (at >= 0) ctx.report({ start: at, end: at + 1, message: 'same', fixes: [{ message: 'f', edits: [{ start: at, end: at + 1, text: 'y' }] }] });
      },
    });
  const [out] = await run1(load(twin('one'), twin('two')), [file('a.go', 'package p\n\nvar x = 1\n')]);
  expect(out.findings.map((f) => [f.codemod, f.fixed])).toEqual([
    ['one', true],
    ['two', true],
  ]);
});

describe('a declaration read as another kind of declaration is refused', () => {
  /** Replaces the text `from` with `to` wherever it occurs (no syntax in the way). */
  const replaceText = (from: string, to: string) =>
    defineCodemod({
      name: 'naive',
      description: `${from} -> ${to} as text`,
      run(ctx) {
        for (let at = ctx.file.source.indexOf(from); at >= 0; at = ctx.file.source.indexOf(from, at + 1)) {
          ctx.report({ start: at, end: at + from.length, message: 'm', fixes: [{ message: 'f', edits: [{ start: at, end: at + from.length, text: to }] }] });
        }
      },
    });

  test.each([
    ['type S[P *interface{}] []P', 'interface{}', 'any', /type S: its type parameter list would read as an array length/],
    ['type U[P *interface{} | *int] struct{ f P }', 'interface{}', 'any', /type U: its type parameter list would read as an array length/],
    ['type A [N * M]int\n\nconst N, M = 1, 2', 'M]', 'interface{}]', /type A: its array length would read as a type parameter list/],
  ])('%s', async (src, from, to, re) => {
    const [out] = await run1(load(replaceText(from, to)), [file('a.go', `package p\n\n${src}\n`)]);
    expect(out.errors).toEqual([{ message: expect.stringMatching(re) }]);
    expect(out.output).toBe(out.original);
  });

  test('a fix that rewrites the brackets themselves may change the form', async () => {
    const [out] = await run1(load(replaceText('S[P *interface{}]', 'S [4]')), [file('a.go', 'package p\n\ntype S[P *interface{}] []int\n')]);
    expect(out.errors).toEqual([]);
    expect(out.output).toBe('package p\n\ntype S [4] []int\n');
  });
});

describe('after an unterminated comment or raw string, Go reads the rest of the file as its text', () => {
  test.each([
    ['a block comment', 'package p\n\nvar x = 1\n\n/* unterminated\n\nvar x2, x = 1, 2\n'],
    ['a block comment tree-sitter reads as a division', 'package p\n\nvar x = 1\n\nvar w = x /* not closed\n\nvar z = x\n'],
    ['a raw string', 'package p\n\nvar x = 1\n\nvar s = `unterminated\n\nvar z = x\n'],
  ])('%s: no edit from its line on; edits before it apply', async (_name, src) => {
    const [out] = await run1(load(rename('a', 'x', 'y')), [file('a.go', src)]);
    expect(out.output).toBe(src.replace('var x = 1', 'var y = 1'));
    for (const n of out.notes) expect(n.message).toMatch(/syntax error \(line 5\)/);
  });
});
