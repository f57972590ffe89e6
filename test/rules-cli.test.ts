/** Rules from the command line: --rules on run / list / test, rule file errors, and `gocodemod rewrite`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const gomod = 'module m\n\ngo 1.22\n';
const code = 'package m\n\nimport "strings"\n\nfunc f(s, t string) bool {\n\treturn strings.Index(s, t) != -1\n}\n';
const rule = 'id: contains\ndescription: use strings.Contains\nimports: [strings]\nmatch: strings.Index($S, $T) != -1\nrewrite: strings.Contains($S, $T)\n';

describe('rule files', () => {
  test('run --rules FILE: a dry-run diff, and --write applies it', async () => {
    const dir = tmpTree({ 'go.mod': gomod, 'a.go': code, 'rules/r.yaml': rule });
    const r = await runCli(['run', '--rules', 'rules/r.yaml', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+\treturn strings.Contains(s, t)');
    const w = await runCli(['run', '--rules', 'rules', '--write', '-j', '1', '.'], dir);
    expect(w.code).toBe(0);
    const c = await runCli(['run', '--rules', 'rules', '--check', '.'], dir);
    expect(c).toMatchObject({ code: 0, stdout: '' });
  });

  test('--check prints each pending change; the cache follows the rule file\'s content', async () => {
    const dir = tmpTree({ 'go.mod': gomod, 'a.go': code, 'r.yaml': rule });
    const first = await runCli(['run', '--rules', 'r.yaml', '--check', '.'], dir);
    expect(first).toMatchObject({ code: 1, stdout: 'a.go:6:9: use strings.Contains (contains)\n' });
    writeFileSync(join(dir, 'r.yaml'), rule.replace('!= -1', '== -1').replace('rewrite: strings.Contains($S, $T)', "rewrite: '!strings.Contains($S, $T)'"));
    const second = await runCli(['run', '--rules', 'r.yaml', '--check', '.'], dir);
    expect(second).toMatchObject({ code: 0, stdout: '' });
  });

  test('list --rules shows each rule with its file', async () => {
    const dir = tmpTree({ 'r.yaml': `${rule}---\nid: lint\ndescription: a finding only\nminGo: "1.21"\nmatch: panic($X)\n` });
    const r = await runCli(['list', '--rules', 'r.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^contains +- +file +yes +use strings.Contains \(from r.yaml\)$/m);
    expect(r.stdout).toMatch(/^lint +1.21 +file +yes +a finding only \(from r.yaml\)$/m);
  });

  test('test --rules runs the fixtures beside the rule file', async () => {
    const dir = tmpTree({
      'r.yaml': rule,
      'testdata/contains/a.go': code.replace('!= -1', '!= -1 // want "strings.Contains"'),
      'testdata/contains/a.go.golden': code.replace('strings.Index(s, t) != -1', 'strings.Contains(s, t) // want "strings.Contains"'),
    });
    const r = await runCli(['test', '--rules', 'r.yaml'], dir);
    expect(r).toMatchObject({ code: 0, stdout: 'ok   contains/a\n1 case, 0 failed\n' });
    const missing = tmpTree({ 'r.yaml': rule });
    expect(await runCli(['test', '--rules', 'r.yaml'], missing)).toMatchObject({ code: 2, stderr: "gocodemod: --rules r.yaml: no fixtures for 'contains': looked for the directory testdata/contains/\n" });
  });

  test('the examples pass their own fixtures', async () => {
    const r = await runCli(['test', '--rules', 'examples/rules'], join(import.meta.dirname, '..'));
    expect(r.stdout).toMatch(/^\d+ cases, 0 failed\n$/m);
    expect(r.code).toBe(0);
  });

  test.each([
    ['not: [valid', /^r\.yaml:1: not valid YAML: /],
    ['id: x\ndescription: d\nmatch: f()\nmessage: hi\n', /^r\.yaml:4: message: unknown field 'message'; a rule has id, description, minGo, context, imports, match, rewrite, where$/],
    ['id: x\ndescription: d\n', /^r\.yaml:1: match: missing field 'match'$/],
    ['id: x\ndescription: d\nminGo: 1.20\nmatch: f()\n', /^r\.yaml:3: minGo: must be a string \(quote it: minGo: "1.20"\)$/],
    ['id: x\ndescription: d\nminGo: "go1.20"\nmatch: f()\n', /^r\.yaml:3: minGo: must be a Go version like '1.22'/],
    ['id: x\ndescription: d\nmatch: |\n  f(\n    $X\nrewrite: g($X)\n', /^r\.yaml:5: match: the pattern `f\( \$X` does not parse as .* \(at its end\)$/],
    ['id: x\ndescription: d\nmatch: f($X)\nrewrite: g($Y)\n', /^r\.yaml:4: rewrite: \$Y is not captured by the pattern \(it captures \$X\)$/],
    ['id: x\ndescription: d\nmatch: f($X)\nrewrite: g($X\n', /^r\.yaml:4: rewrite: the replacement `g\(\$X` does not parse as an expression/],
    ['id: x\ndescription: d\nmatch: f($X)\nwhere:\n  X: { kinds: [identifier] }\n', /^r\.yaml:5: where\.X\.kinds: unknown constraint 'kinds'/],
    ['id: x\ndescription: d\nmatch: f($X)\nwhere:\n  X:\n    regex: "("\n', /^r\.yaml:6: where\.X\.regex: not a regular expression/],
    ['id: x\ndescription: d\ncontext: expression\nmatch: f($X)\n', /^r\.yaml:3: context: must be one of expr, stmt, type, decl, got 'expression'$/],
    ['id: Bad_Id\ndescription: d\nmatch: f($X)\n', /^r\.yaml:1: id: must be kebab-case/],
    ['id: x\ndescription: d\nmatch: f($X)\n---\nid: x\ndescription: e\nmatch: g($X)\n', /^r\.yaml:5: id: 'x' is also the name of the rule in r\.yaml$/],
    ['id: interface-to-any\ndescription: d\nmatch: f($X)\n', /^r\.yaml:1: id: 'interface-to-any' is also the name of a built-in/],
  ])('a bad rule file is a usage error naming file, line and field: %j', async (text, message) => {
    const dir = tmpTree({ 'r.yaml': text, 'a.go': 'package a\n' });
    const r = await runCli(['run', '--rules', 'r.yaml', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.replace(/^gocodemod: /, '').trimEnd()).toMatch(message);
  });

  test('a missing path, a folder without rules, a file of another kind', async () => {
    const dir = tmpTree({ 'empty/x.txt': '', 'r.json': '{}' });
    expect((await runCli(['run', '--rules', 'nope', '.'], dir)).stderr).toBe('gocodemod: --rules nope: no such file or directory\n');
    expect((await runCli(['run', '--rules', 'empty', '.'], dir)).stderr).toBe('gocodemod: --rules empty: no .yaml or .yml rule files in this folder\n');
    expect((await runCli(['run', '--rules', 'r.json', '.'], dir)).stderr).toBe('gocodemod: --rules r.json: expected a .yaml or .yml file, or a folder of them\n');
  });
});

describe('gocodemod rewrite', () => {
  test('-p and -r: a dry-run diff; --write; with a second worker', async () => {
    const dir = tmpTree({ 'go.mod': gomod, 'a.go': code, 'b/b.go': code.replace('package m', 'package b') });
    const r = await runCli(['rewrite', '-p', 'strings.Index($S, $T) != -1', '-r', 'strings.Contains($S, $T)', '-j', '2', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^\+\treturn strings\.Contains\(s, t\)$/gm)).toHaveLength(2);
    expect((await runCli(['rewrite', '-p', 'strings.Index($S, $T) != -1', '-r', 'strings.Contains($S, $T)', '--check', '.'], dir)).code).toBe(1);
  });

  test('-p alone lists matches like grep -n; exit 1 when nothing matches', async () => {
    const dir = tmpTree({ 'go.mod': gomod, 'a.go': code });
    const r = await runCli(['rewrite', '-p', 'strings.Index($S, $T)', '.'], dir);
    expect(r).toMatchObject({ code: 0, stdout: 'a.go:6:9: \treturn strings.Index(s, t) != -1\n' });
    expect(await runCli(['rewrite', '-p', 'strings.Count($S, $T)', '.'], dir)).toMatchObject({ code: 1, stdout: '' });
  });

  test('--import makes a name a package; --lang-context resolves an ambiguous pattern', async () => {
    const dir = tmpTree({ 'go.mod': gomod, 'a.go': 'package m\n\nimport iu "io/ioutil"\n\nvar p *int\n\nfunc f() { iu.ReadFile("x"); _ = *p }\n' });
    const r = await runCli(['rewrite', '-p', 'ioutil.ReadFile($F)', '-r', 'os.ReadFile($F)', '--import', 'ioutil=io/ioutil', '--import', 'os=os', '.'], dir);
    expect(r.stdout).toContain('+import "os"');
    expect(r.stdout).toContain('+func f() { os.ReadFile("x"); _ = *p }');
    const amb = await runCli(['rewrite', '-p', '*$X', '.'], dir);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toMatch(/^gocodemod: -p: the pattern `\*\$X` is an expression and a type: say which/);
    expect(await runCli(['rewrite', '-p', '*$X', '--lang-context', 'expr', '.'], dir)).toMatchObject({ code: 0, stdout: 'a.go:7:34: func f() { iu.ReadFile("x"); _ = *p }\n' });
  });

  test('usage errors: no pattern, --write without -r, a replacement that does not parse', async () => {
    const dir = tmpTree({ 'a.go': 'package a\n' });
    expect((await runCli(['rewrite', '.'], dir)).stderr).toMatch(/rewrite needs a pattern/);
    expect((await runCli(['rewrite', '-p', 'f($X)', '--write', '.'], dir)).stderr).toMatch(/--write needs a replacement/);
    expect(await runCli(['rewrite', '-p', 'f($X)', '-r', 'g($X', '.'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^gocodemod: -r: the replacement `g\(\$X` does not parse/) });
  });
});
