/**
 * The review formats (--format json|sarif|rdjson|github|markdown) on the examples and on a
 * sample of GOROOT/src: each parses and validates against its schema (ours, OASIS SARIF
 * 2.1.0, reviewdog's rdjson), and the fixes each carries, applied to the files as read, give
 * exactly what --write writes.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runCli } from './helpers/cli.js';
import { gorootSample, haveGo } from './helpers/go-tool.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';
import { applyAll, gitRepo, jsonEdits, rdjsonEdits, rdjsonValidator, reportValidator, sarifEdits, sarifValidator, treeTexts } from './helpers/review.js';

afterAll(cleanupTmpTrees);
const examples = join(import.meta.dirname, '..', 'examples');
const validate = { json: reportValidator(), sarif: sarifValidator(), rdjson: rdjsonValidator() };

/** A git repository holding `tree` under repo/, twice: one to read, one for --write. */
function twoCopies(fill: (dir: string) => void): { readDir: string; writeDir: string } {
  const [a, b] = [tmpTree({}), tmpTree({})];
  for (const d of [a, b]) {
    fill(d);
    gitRepo(d);
  }
  return { readDir: a, writeDir: b };
}

function expectValid(kind: keyof typeof validate, doc: unknown) {
  const ok = validate[kind](doc);
  expect({ kind, errors: ok ? null : validate[kind].errors?.slice(0, 5) }).toEqual({ kind, errors: null });
}

/** Runs every structured format in `sub` of readDir, and --write in writeDir; checks both properties. */
async function checkFormats(readDir: string, writeDir: string, sub: string, args: string[]) {
  const cwd = join(readDir, sub);
  const before = treeTexts(readDir);
  const w = await runCli(['run', ...args, '--write', '-q'], join(writeDir, sub));
  expect(w.code).toBe(0);
  const written = treeTexts(writeDir);
  const changedOnWrite = [...written].filter(([p, t]) => before.get(p) !== t).map(([p]) => p).sort();
  expect(changedOnWrite.length).toBeGreaterThan(0);

  const docs: Record<string, unknown> = {};
  for (const format of ['json', 'sarif', 'rdjson'] as const) {
    const r = await runCli(['run', ...args, '--format', format, '-q'], cwd);
    // stderr holds nothing but findings without a fix (path:line:col: message (codemod)).
    const unexpected = r.stderr.split('\n').filter((l) => l && !/^\S+:\d+:\d+: .* \([a-z0-9:-]+\)$/.test(l));
    expect({ format, code: r.code, stderr: unexpected }).toEqual({ format, code: 0, stderr: [] });
    docs[format] = JSON.parse(r.stdout);
    expectValid(format, docs[format]);
  }
  const edits = { json: jsonEdits(docs.json, cwd), sarif: sarifEdits(docs.sarif), rdjson: rdjsonEdits(docs.rdjson, cwd) };
  for (const [format, perFile] of Object.entries(edits)) {
    const applied = applyAll(perFile, (abs) => readFileSync(abs, 'utf8'));
    const got = [...applied].filter(([abs, t]) => before.get(relative(readDir, abs)) !== t).map(([abs]) => relative(readDir, abs)).sort();
    expect({ format, files: got }).toEqual({ format, files: changedOnWrite });
    for (const [abs, text] of applied) expect({ format, file: relative(readDir, abs), same: text === written.get(relative(readDir, abs)) }).toEqual({ format, file: relative(readDir, abs), same: true });
  }
  // --check keeps its exit code with every format.
  for (const format of ['diff', 'json', 'sarif', 'rdjson', 'github', 'markdown']) {
    const r = await runCli(['run', ...args, '--check', '--format', format, '-q'], cwd);
    expect({ format, code: r.code }).toEqual({ format, code: 1 });
  }
  return docs;
}

test('examples: json, sarif and rdjson validate, and their fixes give exactly the --write result', async () => {
  const { readDir, writeDir } = twoCopies((d) => cpSync(examples, join(d, 'examples'), { recursive: true }));
  const docs = await checkFormats(readDir, writeDir, 'examples', ['--all', '.']);
  // Inside a git work tree, diffPaths are from its root; paths stay relative to the cwd.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const report = docs.json as any;
  expect(report.pathBase).toBe('git-root');
  const item = report.files.find((f: { path: string }) => f.path === 'inventory/item.go');
  expect(item.diffPath).toBe('examples/inventory/item.go');
  expect(report.files.find((f: { path: string }) => f.path === 'inventory/zz_generated.go')).toMatchObject({ status: 'skipped', reason: 'generated' });
  expect(report.files.find((f: { path: string }) => f.path === 'inventory/vendor')).toMatchObject({ status: 'skipped', reason: 'vendor' });
  // A fix that edits two places (a use and the import it adds) is one change of one finding.
  const multi = report.changes.filter((c: { edits: unknown[] }) => c.edits.length > 1);
  expect(multi.length).toBeGreaterThan(0);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const sarif = docs.sarif as any;
  expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(report.codemods.map((c: { name: string }) => c.name));
  expect(sarif.runs[0].results.every((r: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.ruleId && r.locations[0].physicalLocation.region.startLine >= 1)).toBe(true);

  const github = await runCli(['run', '--all', '--format', 'github', '-q', '.'], join(readDir, 'examples'));
  const lines = github.stdout.trimEnd().split('\n');
  for (const line of lines) expect(line).toMatch(/^(::(warning|notice|error) [^\n]*::[^\n]*|[^:\n]+:\d+(:\d+)?: .*)$/);
  // Annotations name files from the repository root, as GitHub resolves them.
  expect(lines).toContainEqual(expect.stringMatching(/^::warning file=examples\/inventory\/encode\.go,line=14,col=15,endLine=14,endColumn=26,title=gocodemod%3A interface-to-any::interface\{\} can be any%0Agocodemod changes it to:%0A-func Encode\(v interface\{\}\) string \{%0A\+func Encode\(v any\) string \{$/));
  expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(10);

  const markdown = (await runCli(['run', '--all', '--format', 'markdown', '-q', '.'], join(readDir, 'examples'))).stdout;
  expect(markdown).toMatch(/^### gocodemod: 21 files to change, \d+ changes$/m);
  expect(markdown).toMatch(/^\| `interface-to-any` \| 65 \| 65 \| 12 \|$/m);
  expect(markdown).toMatch(/^\| `example\.com\/inventory` \| \d+ \| \+\d+ \| −\d+ \|$/m);
  expect((markdown.match(/<details><summary><code>examples\//g) ?? []).length).toBe(21);
});

const goOk = haveGo();
(goOk ? test : test.skip)('a GOROOT/src sample: every format validates, and the fixes give exactly the --write result', async () => {
  const sample = gorootSample(25);
  const rootOf = (abs: string) => abs.slice(abs.indexOf('/src/') + 5);
  const { readDir, writeDir } = twoCopies((d) => {
    for (const abs of sample) {
      const to = join(d, 'src', rootOf(abs));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(abs, to);
    }
  });
  await checkFormats(readDir, writeDir, 'src', ['--all', '--go', '1.22', '.']);
  for (const format of ['github', 'markdown']) {
    const r = await runCli(['run', '--all', '--go', '1.22', '--format', format, '-q', '.'], join(readDir, 'src'));
    expect(r.code).toBe(0);
    if (format === 'markdown') expect(r.stdout.length).toBeLessThanOrEqual(65_536);
    else for (const line of r.stdout.trimEnd().split('\n')) expect(line).toMatch(/^(::(warning|notice|error) [^\n]*::[^\n]*|[^:\n]+:\d+(:\d+)?: .*)$/);
  }
});

test('suppressed findings and write groups: json lists them, SARIF marks them suppressed in source, both validate', async () => {
  const dir = tmpTree({
    'go.mod': 'module example.com/m\n\ngo 1.22\n',
    'a.go': 'package m\n\ntype Fooer interface{} //gocodemod:ignore interface-to-any tools/gen parses this fixture\n\nvar X interface{}\n\n//gocodemod:ignore interface-to-any\nvar Y interface{}\n',
    'numbers.go': 'package m\n\ntype number interface{ ~int | ~float64 }\n',
    'max.go': 'package m\n\nfunc Max[T number](a, b T) T {\n\tif a > b {\n\t\treturn a\n\t}\n\treturn b\n}\n',
  });
  gitRepo(dir);
  const run = async (format: string) => {
    const r = await runCli(['run', '--all', '--format', format, '-q', '.'], dir);
    expect({ format, code: r.code }).toEqual({ format, code: 0 });
    return JSON.parse(r.stdout);
  };
  const report = await run('json');
  expectValid('json', report);
  const a = report.files.find((f: { path: string }) => f.path === 'a.go');
  expect(a.suppressed).toEqual([
    expect.objectContaining({ codemod: 'interface-to-any', line: 3, hadFix: true, by: { path: 'a.go', line: 3, column: 24, names: ['interface-to-any'], reason: 'tools/gen parses this fixture' } }),
  ]);
  // The comment without a reason is not applied: Y is rewritten, and the comment is a finding of its own.
  expect(a.findings.map((f: { codemod: string; line: number }) => [f.codemod, f.line])).toEqual([
    ['interface-to-any', 5],
    ['interface-to-any', 8],
    ['gocodemod:ignore', 7],
  ]);
  expect(report.summary.suppressed).toEqual({ 'interface-to-any': 1 });
  // numbers.go loses the constraint that max.go inlines: one write group of the two.
  expect(report.files.find((f: { path: string }) => f.path === 'max.go').group).toEqual(['max.go', 'numbers.go']);
  expect(report.summary.writeGroups).toBe(1);

  const sarif = await run('sarif');
  expectValid('sarif', sarif);
  const results = sarif.runs[0].results;
  const suppressed = results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
  expect(suppressed).toEqual([
    expect.objectContaining({ ruleId: 'interface-to-any', suppressions: [expect.objectContaining({ kind: 'inSource', justification: 'tools/gen parses this fixture' })] }),
  ]);
  const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
  expect(rules).toContain('gocodemod:ignore');
  for (const r of results) expect(rules[r.ruleIndex]).toBe(r.ruleId);
});
