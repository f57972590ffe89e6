/** `//gocodemod:ignore` comments, honoured by the engine for every codemod. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';
import { runUnit, type FileOutcome, type LoadedCodemod, type UnitFile } from '../src/engine/engine.js';
import { loadGoParser } from '../src/go/parser.js';
import { defineCodemod, type Codemod, type Context } from '../src/go/codemod.js';
import { fixer } from '../src/go/fixer.js';
import interfaceToAny from '../codemods/interface-to-any/index.js';
import inlineGenericConstraints from '../codemods/inline-generic-constraints/index.js';
import goDirectiveBump from '../codemods/go-directive-bump/index.js';

const file = (path: string, source: string, extra: Partial<UnitFile> = {}): UnitFile => ({ path, source, goVersion: '1.22', packageName: 'p', ...extra });
const load = (...codemods: Codemod<any>[]): LoadedCodemod[] => codemods.map((codemod) => ({ codemod, options: {} }));

/** Replaces every identifier `from` with `to`. */
const rename = (name: string, from: string, to: string) =>
  defineCodemod({
    name,
    description: `${from} -> ${to}`,
    run(ctx: Context) {
      for (const c of ctx.query('(identifier) @id').captures(ctx.file.tree.rootNode)) {
        if (c.node.text === from) ctx.report({ start: c.node.startIndex, end: c.node.endIndex, message: `${from} is ${to}`, fixes: [{ message: 'rename', edits: [fixer.replace(c.node, to)] }] });
      }
    },
  });

async function run(codemods: LoadedCodemod[], files: UnitFile[], reportUnusedSuppressions = false): Promise<FileOutcome[]> {
  return runUnit(await loadGoParser(), codemods, files, { reportUnusedSuppressions });
}

const one = async (source: string, codemods = load(interfaceToAny), unused = false) => (await run(codemods, [file('p.go', source)], unused))[0];
const problems = (o: FileOutcome) => o.findings.filter((f) => f.codemod === 'gocodemod:ignore').map((f) => `${f.line}:${f.column}: ${f.message}`);

test('at the end of a line: that line only', async () => {
  const src = 'package p\n\nvar a interface{} //gocodemod:ignore interface-to-any read by a generator\nvar b interface{}\n';
  const o = await one(src);
  expect(o.output).toBe('package p\n\nvar a interface{} //gocodemod:ignore interface-to-any read by a generator\nvar b any\n');
  expect(o.findings.map((f) => [f.line, f.fixed])).toEqual([[4, true]]);
  expect(o.suppressed).toEqual([
    {
      codemod: 'interface-to-any',
      message: expect.any(String),
      line: 3,
      column: 7,
      offset: src.indexOf('interface{}'),
      endOffset: src.indexOf('interface{}') + 'interface{}'.length,
      hadFix: true,
      by: { path: 'p.go', line: 3, column: 19, names: ['interface-to-any'], reason: 'read by a generator' },
    },
  ]);
  expect(o.changes).toEqual(new Map([['interface-to-any', 1]]));
});

test('on the line before: the next line of code, and nothing after it', async () => {
  const src = 'package p\n\nfunc f() {\n\t//gocodemod:ignore interface-to-any kept for the reflection test\n\tvar a interface{}\n\tvar b interface{}\n\t_, _ = a, b\n}\n';
  const o = await one(src);
  expect(o.output).toContain('\tvar a interface{}\n\tvar b any\n');
  expect(o.suppressed.map((s) => [s.line, s.by.line])).toEqual([[5, 4]]);
});

test('stacked comments and a doc comment may stand between the suppression and its line; a blank line may not', async () => {
  const src = [
    'package p',
    '',
    '//gocodemod:ignore interface-to-any the wire format needs it',
    '// A is documented.',
    'var A interface{}',
    '',
    '//gocodemod:ignore interface-to-any detached',
    '',
    'var B interface{}',
    '',
  ].join('\n');
  const o = await one(src);
  expect(o.output).toContain('var A interface{}\n');
  expect(o.output).toContain('var B any\n');
  expect(problems(o)).toEqual([expect.stringMatching(/^7:1: \/\/gocodemod:ignore interface-to-any applies to no line: .*not applied$/)]);
});

test('before a declaration: the whole declaration (func, type, var block, one spec of a group)', async () => {
  const src = [
    'package p',
    '',
    '//gocodemod:ignore interface-to-any the public API keeps interface{} until v2',
    'func F(a interface{}) interface{} {',
    '\tvar b interface{} = a',
    '\treturn b',
    '}',
    '',
    '//gocodemod:ignore interface-to-any generated-like shape',
    'type T struct {',
    '\tA interface{}',
    '\tB map[string]interface{}',
    '}',
    '',
    '//gocodemod:ignore interface-to-any block',
    'var (',
    '\tx interface{}',
    '\ty interface{}',
    ')',
    '',
    'var (',
    '\t//gocodemod:ignore interface-to-any one spec',
    '\tu = []interface{}{',
    '\t\tinterface{}(1),',
    '\t}',
    '\tv interface{}',
    ')',
    '',
    'func G(a interface{}) {}',
    '',
  ].join('\n');
  const o = await one(src);
  expect(o.suppressed.map((s) => s.line)).toEqual([4, 4, 5, 11, 12, 17, 18, 23, 24]);
  expect(o.findings.filter((f) => f.fixed).map((f) => f.line)).toEqual([26, 29]);
  expect(o.output).toContain('\tv any\n');
  expect(o.output).toContain('func G(a any) {}\n');
});

test('thousands of suppressions, and declarations of hundreds of lines, each cover what they should', async () => {
  const body = Array.from({ length: 300 }, (_, i) => `\tvar v${i} interface{}\n\t_ = v${i}`).join('\n');
  const lines = Array.from({ length: 3000 }, (_, i) => `var x${i} interface{}${i % 2 ? ` //gocodemod:ignore interface-to-any r${i}` : ''}`);
  const src = `package p\n\n//gocodemod:ignore interface-to-any long\nfunc f() {\n${body}\n}\n\n${lines.join('\n')}\n\nfunc g(a interface{}) {}\n`;
  const o = await one(src);
  expect(o.suppressed).toHaveLength(300 + 1500);
  expect(o.changes.get('interface-to-any')).toBe(1500 + 1);
  expect(o.output).toContain('func g(a any) {}');
});

test('a declaration inside a function body is covered whole too', async () => {
  const src = 'package p\n\nfunc f() {\n\t//gocodemod:ignore interface-to-any local shape\n\ttype local struct {\n\t\tA interface{}\n\t}\n\tvar b interface{}\n\t_, _ = local{}, b\n}\n';
  const o = await one(src);
  expect(o.suppressed.map((s) => s.line)).toEqual([6]);
  expect(o.output).toContain('\t\tA interface{}\n\t}\n\tvar b any\n');
});

test('before the package clause: the whole file; `*`: every codemod', async () => {
  const src = '// Copyright 2024.\n\n//gocodemod:ignore * fixture parsed by tools/gen\npackage p\n\nvar x interface{}\n\nfunc f() { var y interface{}; _ = y }\n';
  const o = await one(src, load(interfaceToAny, rename('ren', 'x', 'z')));
  expect(o.output).toBe(src);
  expect(o.suppressed.map((s) => [s.codemod, s.line, s.by.line, s.by.names])).toEqual([
    ['interface-to-any', 6, 3, ['*']],
    ['interface-to-any', 8, 3, ['*']],
    ['ren', 6, 3, ['*']],
  ]);
});

test('a suppression names some codemods: the others still apply', async () => {
  const src = 'package p\n\nvar x interface{} //gocodemod:ignore ren,other keep the name\n';
  const o = await one(src, load(interfaceToAny, rename('ren', 'x', 'z')));
  expect(o.output).toBe('package p\n\nvar x any //gocodemod:ignore ren,other keep the name\n');
  expect(o.suppressed.map((s) => s.codemod)).toEqual(['ren']);
});

test('a suppression without a reason is not applied and is a finding of its own', async () => {
  const src = 'package p\n\nvar x interface{} //gocodemod:ignore interface-to-any\nvar y interface{} //gocodemod:ignore\n//gocodemod:ignroe interface-to-any typo\nvar z interface{} //gocodemod:ignore Interface-To-Any why\n';
  const o = await one(src);
  expect(o.output).toBe(src.replace(/interface\{\}/g, 'any'));
  expect(o.suppressed).toEqual([]);
  expect(problems(o)).toEqual([
    '3:19: //gocodemod:ignore interface-to-any needs a reason after the codemod names (//gocodemod:ignore interface-to-any REASON); it is not applied',
    '4:19: //gocodemod:ignore needs codemod names and a reason: //gocodemod:ignore NAME[,NAME...] REASON; it is not applied',
    '5:1: unknown directive //gocodemod:ignroe (the one directive is //gocodemod:ignore NAME[,NAME...] REASON)',
    "6:19: //gocodemod:ignore Interface-To-Any: 'Interface-To-Any' is not a codemod name (kebab-case, or * for every codemod); it is not applied",
  ]);
});

test('a directive inside a string or a block comment is not one', async () => {
  const src = 'package p\n\nvar s = "//gocodemod:ignore interface-to-any no"; var x interface{}\nvar r = `\n//gocodemod:ignore * no`; var y interface{}\n/*\n//gocodemod:ignore * no */ var z interface{}\n';
  const o = await one(src);
  expect(o.suppressed).toEqual([]);
  expect(o.findings.map((f) => [f.line, f.fixed])).toEqual([
    [3, true],
    [5, true],
    [7, true],
  ]);
});

test('a fix with one edit in a suppressed region is suppressed whole, in another file too', async () => {
  // inline-generic-constraints inlines `number` at its uses and deletes its declaration: one
  // fix across two files. The use in max.go is suppressed, so the declaration stays too.
  const numbers = 'package p\n\ntype number interface {\n\t~int | ~float64\n}\n';
  const max = 'package p\n\n//gocodemod:ignore inline-generic-constraints keep the signature readable\nfunc Max[T number](a, b T) T {\n\tif a > b {\n\t\treturn a\n\t}\n\treturn b\n}\n';
  const outs = await run(load(inlineGenericConstraints), [file('numbers.go', numbers), file('max.go', max)]);
  expect(outs.map((o) => o.output)).toEqual([numbers, max]);
  const suppressed = outs.flatMap((o) => o.suppressed);
  expect(suppressed).toHaveLength(1);
  expect(suppressed[0]).toMatchObject({ codemod: 'inline-generic-constraints', hadFix: true, by: { path: 'max.go', line: 3, reason: 'keep the signature readable' } });
  // Without the comment, the same fix applies to both files.
  const plain = await run(load(inlineGenericConstraints), [file('numbers.go', numbers), file('max.go', max.replace(/\/\/gocodemod.*\n/, ''))]);
  expect(plain.map((o) => o.output !== o.original)).toEqual([true, true]);
});

test('unused suppressions are reported when asked, per name, only for codemods that ran on the file', async () => {
  const src = [
    'package p',
    '',
    'var a interface{} //gocodemod:ignore interface-to-any,ren used by one',
    'var b int //gocodemod:ignore interface-to-any nothing here',
    'var c int //gocodemod:ignore * nothing here either',
    'var d int //gocodemod:ignore not-in-this-run cannot judge',
    '',
  ].join('\n');
  const codemods = load(interfaceToAny, rename('ren', 'zzz', 'q'));
  expect(problems(await one(src, codemods))).toEqual([]);
  expect(problems(await one(src, codemods, true))).toEqual([
    '3:19: unused suppression //gocodemod:ignore ren: ren reported nothing it covers',
    '4:11: unused suppression //gocodemod:ignore interface-to-any: interface-to-any reported nothing it covers',
    '5:11: unused suppression //gocodemod:ignore *: no codemod of this run reported anything it covers',
  ]);
  // A codemod skipped for the file's Go version cannot judge its suppressions.
  const old = (await run(codemods, [file('p.go', src, { goVersion: '1.17' })], true))[0];
  expect(problems(old).filter((p) => p.includes('interface-to-any:'))).toEqual([]);
});

test('go.mod: a suppression before the first directive covers the whole file', async () => {
  const gomod = '//gocodemod:ignore * pinned by the release process\nmodule example.com/m\n\ngo 1.20\n';
  const [o] = await run([{ codemod: goDirectiveBump, options: { to: '1.22' } }], [file('go.mod', gomod, { kind: 'go.mod', goVersion: undefined, packageName: '' })]);
  expect(o.output).toBe(gomod);
  expect(o.suppressed.map((s) => [s.line, s.by.line])).toEqual([[4, 1]]);
});

test('go.mod: a suppression on the go line keeps it', async () => {
  const gomod = 'module example.com/m\n\n//gocodemod:ignore go-directive-bump the CI image has go 1.20\ngo 1.20\n';
  const [o] = await run([{ codemod: goDirectiveBump, options: { to: '1.22' } }], [file('go.mod', gomod, { kind: 'go.mod', goVersion: undefined, packageName: '' })], true);
  expect(o.output).toBe(gomod);
  expect(o.suppressed.map((s) => [s.codemod, s.line, s.by.reason])).toEqual([['go-directive-bump', 4, 'the CI image has go 1.20']]);
  expect(problems(o)).toEqual([]);
});

describe('through the command line', () => {
  afterAll(cleanupTmpTrees);
  const tree = (extra: Record<string, string> = {}) =>
    tmpTree({
      'go.mod': 'module m\n\ngo 1.22\n',
      // The case from the issue: a fixture a generator parses, whose line says why it must stay.
      'fixture.go': 'package m\n\ntype Fooer interface{} //gocodemod:ignore interface-to-any tools/gen parses this fixture; any is not supported there\n\nvar Free interface{}\n',
      'stale.go': 'package m\n\n//gocodemod:ignore interface-to-any nothing left to suppress\nvar S any\n',
      ...extra,
    });

  test('--write leaves the suppressed line; the summary counts suppressed findings per codemod', async () => {
    const dir = tree();
    const r = await runCli(['run', '--write', 'interface-to-any', '.'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'fixture.go'), 'utf8')).toBe('package m\n\ntype Fooer interface{} //gocodemod:ignore interface-to-any tools/gen parses this fixture; any is not supported there\n\nvar Free any\n');
    expect(r.stderr).toMatch(/\n {2}changes: interface-to-any 1\n {2}suppressed by \/\/gocodemod:ignore: interface-to-any 1\n/);
  });

  test('--report-unused-suppressions (flag or config key): reported; --check then exits 1', async () => {
    const dir = tree();
    const quiet = await runCli(['run', '--check', 'interface-to-any', '.'], dir);
    expect(quiet.code).toBe(1); // var Free interface{} is pending
    expect(quiet.stderr).not.toContain('unused suppression');
    writeFileSync(join(dir, 'fixture.go'), 'package m\n\ntype Fooer interface{} //gocodemod:ignore interface-to-any tools/gen parses this fixture\n');
    expect((await runCli(['run', '--check', 'interface-to-any', '.'], dir)).code).toBe(0);
    const unused = await runCli(['run', '--check', '--report-unused-suppressions', 'interface-to-any', '.'], dir);
    expect(unused.code).toBe(1);
    expect(unused.stderr).toContain('stale.go:3:1: unused suppression //gocodemod:ignore interface-to-any: interface-to-any reported nothing it covers (gocodemod:ignore)\n');
    writeFileSync(join(dir, 'gocodemod.yaml'), 'codemods: [interface-to-any]\nreport-unused-suppressions: true\n');
    expect((await runCli(['run', '--check'], dir)).code).toBe(1);
    expect((await runCli(['run', '--check', '--no-report-unused-suppressions'], dir)).code).toBe(0);
  });

  test('a suppression without a reason is reported, not applied, and fails --check', async () => {
    const dir = tree({ 'fixture.go': 'package m\n\ntype Fooer interface{} //gocodemod:ignore interface-to-any\n' });
    const r = await runCli(['run', '--write', 'interface-to-any', '.'], dir);
    expect(r.stderr).toContain('fixture.go:3:24: //gocodemod:ignore interface-to-any needs a reason after the codemod names (//gocodemod:ignore interface-to-any REASON); it is not applied (gocodemod:ignore)\n');
    expect(readFileSync(join(dir, 'fixture.go'), 'utf8')).toBe('package m\n\ntype Fooer any //gocodemod:ignore interface-to-any\n');
    expect((await runCli(['run', '--check', 'interface-to-any', '.'], dir)).code).toBe(1);
  });

  test('a user codemod is suppressed like a built-in, in worker threads and from the cache alike', async () => {
    const dir = tree({
      'mods/rename.ts': "import { defineCodemod, fixer } from 'gocodemod';\nexport default defineCodemod({ name: 'rename-free', description: 'Free -> Freed', run(ctx) { for (const c of ctx.query('(identifier) @i').captures(ctx.file.tree.rootNode)) if (c.node.text === 'Free') ctx.report({ start: c.node.startIndex, end: c.node.endIndex, message: 'rename', fixes: [{ message: 'r', edits: [fixer.replace(c.node, 'Freed')] }] }); } });\n",
      'fixture.go': 'package m\n\n//gocodemod:ignore rename-free the name is public API\nvar Free interface{}\n',
      'sub/sub.go': 'package sub\n\nvar Free int //gocodemod:ignore * frozen\n',
    });
    const env = { GOCODEMOD_CACHE_DIR: mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-')) };
    const args = ['run', '--codemod', 'mods/rename.ts', 'interface-to-any', '-j', '2', '.'];
    for (const run of [await runCli(args, dir, { env }), await runCli(args, dir, { env })]) {
      expect(run.stdout).toContain('-var Free interface{}\n+var Free any\n');
      expect(run.stdout).not.toContain('Freed');
      expect(run.stderr).toMatch(/suppressed by \/\/gocodemod:ignore: rename-free 2\n/);
    }
  });
});
