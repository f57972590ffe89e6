/**
 * Rewrite rules (src/rules/): the pattern language, matching, rewriting and imports, through
 * the engine exactly as a run uses them (rounds, merging, gofmt).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runUnit, type FileOutcome } from '../src/engine/engine.js';
import { loadGofmt, type Gofmt } from '../src/engine/gofmt.js';
import { queryNeedles } from '../src/engine/query-needles.js';
import { loadGoParser, type GoParser } from '../src/go/parser.js';
import { compileRule, ruleCodemod, sharedImportPaths } from '../src/rules/compile.js';
import { PARENTHESIZABLE } from '../src/rules/shape.js';
import { RuleError, type RuleSpec } from '../src/rules/spec.js';

let parser: GoParser;
let gofmt: Gofmt;
beforeAll(async () => {
  parser = await loadGoParser();
  gofmt = await loadGofmt();
});

type Spec = Omit<RuleSpec, 'id' | 'description'> & { id?: string; description?: string };
const spec = (s: Spec): RuleSpec => ({ id: 'r', description: 'rule', ...s });

/** Runs one rule on files (the first is 'a.go') through the engine. */
function apply(s: Spec, ...sources: string[]): FileOutcome[] {
  const codemod = ruleCodemod(compileRule(spec(s), parser));
  const files = sources.map((source, i) => ({ path: `${'abcdef'[i]}.go`, source, goVersion: '1.22', packageName: 'p' }));
  return runUnit(parser, [{ codemod, options: {} }], files, { gofmt });
}
const out = (s: Spec, source: string) => apply(s, source)[0].output;
const findings = (s: Spec, source: string) => apply(s, source)[0].findings.map((f) => `${f.line}:${f.column} ${f.fixed ? 'fixed' : 'found'}: ${f.message}`);
const fn = (body: string, imports = '') => `package p\n${imports ? `\n${imports}\n` : ''}\nfunc f() {\n${body}\n}\n`;
const compileError = (s: Spec): { field: string; message: string } => {
  try {
    compileRule(spec(s), parser);
  } catch (e) {
    if (e instanceof RuleError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('compiled without error');
};

describe('metavariables', () => {
  test('$X matches one node and the replacement uses its code', () => {
    expect(out({ match: 'len($X) == 0', rewrite: '$X == ""' }, fn('\t_ = len(a.b[1]) == 0'))).toBe(fn('\t_ = a.b[1] == ""'));
  });
  test('$$$X matches zero or more arguments; an empty one takes its comma with it', () => {
    const s = { match: 'print($$$A, last)', rewrite: 'println(last, $$$A)' };
    expect(out(s, fn('\tprint(last)\n\tprint(a, b, last)'))).toBe(fn('\tprintln(last)\n\tprintln(last, a, b)'));
  });
  test('$$$X matches statements of a block', () => {
    const s = { match: 'for { $$$BODY }', rewrite: 'for range 10 {\n\t$$$BODY\n}' };
    expect(out(s, fn('\tfor {\n\t\ta()\n\t\tb()\n\t}'))).toBe(fn('\tfor range 10 {\n\t\ta()\n\t\tb()\n\t}'));
    expect(out(s, fn('\tfor {\n\t}'))).toBe(fn('\tfor range 10 {\n\t}'));
  });
  test('$_ matches one node without capturing: two of them need not be equal', () => {
    expect(findings({ match: 'copy($_, $_)' }, fn('\tcopy(a, b)\n\tcopy(a, a)'))).toEqual(['4:2 found: rule', '5:2 found: rule']);
  });
  test('a metavariable used twice must match the same code, whatever its layout and comments', () => {
    expect(findings({ match: '$X == $X' }, fn('\t_ = a.b == a. /* c */ b\n\t_ = a.b == a.c\n\t_ = (x) == x'))).toEqual(['4:6 found: rule', '6:6 found: rule']);
    expect(out({ match: '$X == $X', rewrite: 'true' }, fn('\t_ = a.b == a.b\n\t_ = a.b == a.c\n\t_ = (x) == x'))).toBe(fn('\t_ = true\n\t_ = a.b == a.c\n\t_ = true'));
  });
  test('a multi-metavariable used twice must capture equal runs', () => {
    expect(findings({ match: 'f($$$A) + f($$$A)' }, fn('\t_ = f(1, 2) + f(1, 2)\n\t_ = f(1) + f(1, 2)'))).toEqual(['4:6 found: rule']);
  });
  test('a $ in a string or comment of the pattern is text', () => {
    expect(findings({ match: 'fmt.Sprint("$X") /* $Y */' }, fn('\t_ = fmt.Sprint("$X")\n\t_ = fmt.Sprint("a")'))).toEqual(['4:6 found: rule']);
  });
  test('errors: a lower-case name, a stray $, a rewrite that uses what the pattern does not capture', () => {
    expect(compileError({ match: 'f($x)' })).toEqual({ field: 'match', message: 'metavariable names are upper case: write $X' });
    expect(compileError({ match: 'f($ + 1)' }).message).toMatch(/a `\$` must start a metavariable/);
    expect(compileError({ match: 'f($X)', rewrite: 'g($Y)' })).toEqual({ field: 'rewrite', message: '$Y is not captured by the pattern (it captures $X)' });
    expect(compileError({ match: 'f($_)', rewrite: 'g($_)' }).message).toMatch(/matches without capturing/);
    expect(compileError({ match: 'f($$$X)', rewrite: 'g($X)' }).message).toBe('$X is captured as $$$X by the pattern');
    expect(compileError({ match: '$X' }).message).toMatch(/only metavariables/);
    expect(compileError({ match: 'f($X)', rewrite: 'g(f($X))' })).toMatchObject({ field: 'rewrite', message: expect.stringMatching(/^the replacement matches the pattern again: rewriting would never end/) });
    expect(compileError({ match: 'fmt.Println($$$A)', rewrite: 'fmt.Println($$$A, $$$A)' }).field).toBe('rewrite');
  });
});

describe('snippet contexts', () => {
  test('an expression', () => {
    expect(out({ match: 'a + 0', rewrite: 'a' }, fn('\t_ = a + 0'))).toBe(fn('\t_ = a'));
  });
  test('a statement', () => {
    const s = { match: 'if $E != nil {\n\treturn $E\n}', rewrite: 'check($E)' };
    expect(out(s, fn('\tif err != nil {\n\t\treturn err\n\t}\n\tif err != nil {\n\t\treturn nil\n\t}'))).toBe(fn('\tcheck(err)\n\tif err != nil {\n\t\treturn nil\n\t}'));
  });
  test('statements: a run of siblings, the replacement re-indented to the match', () => {
    const s = { match: '$X := $V\nreturn $X', rewrite: 'return $V' };
    const src = fn('\tif ok {\n\t\tv := g(1)\n\t\treturn v\n\t}\n\tw := 2\n\tuse(w)\n\treturn w');
    expect(out(s, src)).toBe(fn('\tif ok {\n\t\treturn g(1)\n\t}\n\tw := 2\n\tuse(w)\n\treturn w'));
    const multi = { match: 'mu.Lock()\n$$$BODY\nmu.Unlock()', rewrite: 'mu.Lock()\nfunc() {\n\tdefer mu.Unlock()\n\t$$$BODY\n}()' };
    expect(out(multi, fn('\tif ok {\n\t\tmu.Lock()\n\t\tn++\n\t\tm++\n\t\tmu.Unlock()\n\t}'))).toBe(
      fn('\tif ok {\n\t\tmu.Lock()\n\t\tfunc() {\n\t\t\tdefer mu.Unlock()\n\t\t\tn++\n\t\t\tm++\n\t\t}()\n\t}'),
    );
  });
  test('a type', () => {
    const s = { match: 'map[$K]struct{}', rewrite: 'map[$K]bool' };
    expect(out(s, 'package p\n\nvar seen map[string]struct{}\n\nfunc f(m map[int]struct{}) {}\n')).toBe('package p\n\nvar seen map[string]bool\n\nfunc f(m map[int]bool) {}\n');
  });
  test('a declaration', () => {
    const s = { match: 'func init() { $$$B }', context: 'decl' as const };
    expect(findings(s, 'package p\n\nfunc init() {\n\tx()\n}\n\nfunc f() {}\n')).toEqual(['3:1 found: rule']);
  });
  test('a bare name is both an expression and a type', () => {
    const s = { match: 'ioutil.Discard', rewrite: 'io.Discard', imports: { ioutil: 'io/ioutil', io: 'io' } };
    const src = 'package p\n\nimport (\n\t"io"\n\t"io/ioutil"\n)\n\nvar w io.Writer = ioutil.Discard\n';
    expect(out(s, src)).toBe('package p\n\nimport (\n\t"io"\n)\n\nvar w io.Writer = io.Discard\n'.replace('import (\n\t"io"\n)', 'import "io"'));
  });
  test('an ambiguous pattern asks for a context; given one, it is read so', () => {
    expect(compileError({ match: '*$X' })).toEqual({
      field: 'match',
      message: 'the pattern `*$X` is an expression and a type: say which with `context: expr` in a rule file (`--lang-context expr` on the command line); the contexts are expr, stmt, type, decl',
    });
    expect(findings({ match: '*$X', context: 'type' }, 'package p\n\nvar p *int\nvar q = *p\n')).toEqual(['3:7 found: rule']);
    expect(findings({ match: '*$X', context: 'expr' }, 'package p\n\nvar p *int\nvar q = *p\n')).toEqual(['4:9 found: rule']);
  });
  test('a pattern that parses in no context says so, near the problem', () => {
    expect(compileError({ match: 'f($X' }).message).toMatch(/^the pattern `f\(\$X` does not parse as an expression, or a statement \(or statements\), or a type, or a declaration/);
    expect(compileError({ match: 'f($X)', rewrite: 'g($X' })).toMatchObject({ field: 'rewrite', message: expect.stringMatching(/does not parse as an expression/) });
  });
});

describe('structural matching', () => {
  test('layout, comments and parentheses Go ignores do not matter', () => {
    const s = { match: 'strings.Index($S, $T) != -1', rewrite: 'strings.Contains($S, $T)', imports: { strings: 'strings' } };
    const src = (e: string) => fn(`\t_ = ${e}`, 'import "strings"');
    expect(out(s, src('(strings.Index)(s, ((t))) != (-1)'))).toBe(src('strings.Contains(s, t)'));
    expect(out(s, src('strings.Index(\n\t\ts,\n\t\tt,\n\t) != -1'))).toBe(src('strings.Contains(s, t)'));
    expect(out(s, src('strings.Index(s, t) != 1'))).toBe(src('strings.Index(s, t) != 1'));
  });
  test('parentheses that change the tree are not ignored', () => {
    expect(findings({ match: '$A * $B + $C' }, fn('\t_ = a * b + c\n\t_ = a * (b + c)'))).toEqual(['4:6 found: rule']);
  });
  test('a capture keeps its meaning where it lands (parentheses by precedence)', () => {
    expect(out({ match: 'len($X)', rewrite: '$X.Len()' }, fn('\t_ = len(a + b)\n\t_ = len(a.b)'))).toBe(fn('\t_ = (a + b).Len()\n\t_ = a.b.Len()'));
    expect(out({ match: 'twice($X)', rewrite: '$X + $X' }, fn('\t_ = 3 * twice(a)'))).toBe(fn('\t_ = 3 * (a + a)'));
  });
  test('where: kind, not-kind, regex, not-regex', () => {
    const src = fn('\tf("lit")\n\tf(name)\n\tf(x.y)');
    expect(findings({ match: 'f($A)', where: { A: { kind: ['identifier'] } } }, src)).toEqual(['5:2 found: rule']);
    expect(findings({ match: 'f($A)', where: { A: { 'not-kind': ['interpreted_string_literal'] } } }, src)).toEqual(['5:2 found: rule', '6:2 found: rule']);
    expect(findings({ match: 'f($A)', where: { A: { regex: '^x\\.' } } }, src)).toEqual(['6:2 found: rule']);
    expect(findings({ match: 'f($A)', where: { A: { 'not-regex': 'n' } } }, src)).toEqual(['4:2 found: rule', '6:2 found: rule']);
    expect(compileError({ match: 'f($A)', where: { B: {} } })).toEqual({ field: 'where.B', message: "'B' is not a metavariable of the pattern (it has A)" });
    expect(compileError({ match: 'f($A)', where: { A: { kind: ['string_literal'] } } }).field).toBe('where.A.kind');
    expect(compileError({ match: 'f($A)', where: { A: { regex: '(' } } }).field).toBe('where.A.regex');
  });
  test('the query finds candidates with needles the engine derives from it', () => {
    const rule = compileRule(spec({ match: 'strings.Index($S, $T) != -1', imports: { strings: 'strings' } }), parser);
    expect(queryNeedles(rule.query)?.needles).toEqual(['Index']);
    const sorted = compileRule(spec({ match: 'sort.Strings($X)', imports: { sort: 'sort' } }), parser);
    expect(queryNeedles(sorted.query)?.needles).toEqual(['Strings']);
  });
  test('PARENTHESIZABLE is the expression and type node types of the grammar', () => {
    const types = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'node_modules', 'tree-sitter-go', 'src', 'node-types.json'), 'utf8')) as { type: string; subtypes?: { type: string }[] }[];
    const sub = (t: string): string[] => (types.find((x) => x.type === t)?.subtypes ?? []).flatMap((s) => (s.type.startsWith('_') ? sub(s.type) : [s.type]));
    const expected = new Set([...sub('_expression'), ...sub('_type')].filter((t) => !t.startsWith('parenthesized_')));
    expect([...PARENTHESIZABLE].sort()).toEqual([...expected].sort());
  });
});

describe('nested matches and comments', () => {
  test('the outer match is rewritten first, the inner one in a later round', () => {
    const outcome = apply({ match: '$A + 0', rewrite: '$A' }, fn('\t_ = x + 0 + 0 + 0'))[0];
    expect(outcome.output).toBe(fn('\t_ = x'));
    expect(outcome.notes).toEqual([]);
    expect(outcome.changes.get('r')).toBe(3);
  });
  test('a finding-only rule reports outer and inner matches alike', () => {
    expect(findings({ match: 'f($X)' }, fn('\t_ = f(f(1))'))).toEqual(['4:6 found: rule', '4:8 found: rule']);
  });
  test('a match holding a comment the rewrite would drop is reported with its position, not rewritten', () => {
    const s = { match: 'a($X, $Y)', rewrite: 'b($Y)' };
    const src = fn('\t_ = a(1 /* one */, 2)\n\t_ = a(1, 2 /* two */)\n\t_ = a(3, 4)');
    const o = apply(s, src)[0];
    expect(o.output).toBe(fn('\t_ = a(1 /* one */, 2)\n\t_ = b(2 /* two */)\n\t_ = b(4)'.replace('b(2 /* two */)', 'a(1, 2 /* two */)')));
    expect(o.findings.map((f) => `${f.line}:${f.column} ${f.fixed}: ${f.message}`)).toEqual([
      '4:6 false: rule (not rewritten: the rewrite would drop the comment at 4:10)',
      '5:6 false: rule (not rewritten: the rewrite would drop the comment at 5:13)',
      '6:6 true: rule',
    ]);
  });
  test('a comment inside a capture the rewrite keeps is kept', () => {
    expect(out({ match: 'a($X, $Y)', rewrite: 'b($X)' }, fn('\t_ = a(f( /* one */ 1), 2)'))).toBe(fn('\t_ = b(f( /* one */ 1))'));
  });
});

describe('imports', () => {
  const ioutil = { match: 'ioutil.ReadFile($F)', rewrite: 'os.ReadFile($F)', imports: { ioutil: 'io/ioutil', os: 'os' } };
  test('matched under the name the file gives the import', () => {
    const src = 'package p\n\nimport iu "io/ioutil"\n\nfunc f() { iu.ReadFile("x") }\n';
    expect(out(ioutil, src)).toBe('package p\n\nimport "os"\n\nfunc f() { os.ReadFile("x") }\n');
  });
  test('never where the name is local, nor in a file without the import, nor through a dot import', () => {
    const shadowed = 'package p\n\nimport "io/ioutil"\n\nvar _ = ioutil.Discard\n\nfunc f(ioutil fake) { ioutil.ReadFile("x") }\n';
    expect(apply(ioutil, shadowed)[0].findings).toEqual([]);
    const none = 'package p\n\nfunc f() { ioutil.ReadFile("x") }\n';
    expect(apply(ioutil, none)[0].findings).toEqual([]);
    const dot = 'package p\n\nimport . "io/ioutil"\n\nfunc f() { ReadFile("x") }\n';
    expect(findings(ioutil, dot)).toEqual(['3:8 found: "io/ioutil" is dot-imported: r does not match its uses (import it by name)']);
  });
  test('an import the rewrite needs comes in under a new name where the file already means something else by it', () => {
    const src = 'package p\n\nimport (\n\t"io/ioutil"\n\n\tos "example.com/myos"\n)\n\nfunc f() { ioutil.ReadFile(os.Name) }\n';
    expect(out(ioutil, src)).toBe('package p\n\nimport (\n\tos2 "os"\n\n\tos "example.com/myos"\n)\n\nfunc f() { os2.ReadFile(os.Name) }\n');
  });
  test('a package-level declaration in another file of the package takes the name too', () => {
    const [a] = apply(ioutil, 'package p\n\nimport "io/ioutil"\n\nfunc f() { ioutil.ReadFile("x") }\n', 'package p\n\nvar os = 1\n');
    expect(a.output).toBe('package p\n\nimport os2 "os"\n\nfunc f() { os2.ReadFile("x") }\n');
  });
  test('the import goes only when its last use does; the fix is one for the file', () => {
    const src = 'package p\n\nimport "io/ioutil"\n\nfunc f() {\n\tioutil.ReadFile("a")\n\tioutil.ReadFile("b")\n\tioutil.ReadDir("c")\n}\n';
    expect(out(ioutil, src)).toBe('package p\n\nimport (\n\t"io/ioutil"\n\t"os"\n)\n\nfunc f() {\n\tos.ReadFile("a")\n\tos.ReadFile("b")\n\tioutil.ReadDir("c")\n}\n');
  });
  test('two rules that each take some uses: the import goes in the next round', () => {
    const otherSpec = spec({ id: 'other', match: 'ioutil.ReadAll($R)', rewrite: 'io.ReadAll($R)', imports: { ioutil: 'io/ioutil', io: 'io' } });
    const sharedImports = sharedImportPaths([spec(ioutil), otherSpec]);
    expect(sharedImports).toEqual(['io/ioutil']);
    const other = ruleCodemod(compileRule(otherSpec, parser, { sharedImports }));
    const first = ruleCodemod(compileRule(spec(ioutil), parser, { sharedImports }));
    const src = 'package p\n\nimport "io/ioutil"\n\nfunc f() {\n\tioutil.ReadFile("a")\n\tioutil.ReadAll(nil)\n}\n';
    const [o] = runUnit(parser, [{ codemod: first, options: {} }, { codemod: other, options: {} }], [{ path: 'a.go', source: src, goVersion: '1.22', packageName: 'p' }], { gofmt });
    expect(o.output).toBe('package p\n\nimport (\n\t"io"\n\t"os"\n)\n\nfunc f() {\n\tos.ReadFile("a")\n\tio.ReadAll(nil)\n}\n');
    expect(o.errors).toEqual([]);
  });
  test('errors: an import named by neither snippet, a bad key', () => {
    expect(compileError({ match: 'f($X)', imports: { os: 'os' } })).toEqual({ field: 'imports.os', message: "'os' is named neither in match nor in rewrite as a package (os.Name)" });
    expect(compileError({ match: 'f($X)', imports: { 'a-b': 'x' } }).field).toBe('imports.a-b');
  });
});

test('the rule compiler, matcher and YAML reader import nothing from Node (a browser bundle runs them)', () => {
  const seen = new Set<string>();
  const nodeImports: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
      if (m[1]) continue; // type-only: erased
      if (m[2].startsWith('node:')) nodeImports.push(`${file}: ${m[2]}`);
      else if (m[2].startsWith('.')) visit(join(file, '..', m[2].replace(/\.js$/, '.ts')));
    }
  };
  for (const f of ['compile.ts', 'yaml.ts']) visit(join(import.meta.dirname, '..', 'src', 'rules', f));
  expect(seen.size).toBeGreaterThan(10);
  expect(nodeImports).toEqual([]);
});
