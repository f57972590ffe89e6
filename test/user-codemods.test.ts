/** `--codemod FILE`: codemods from the user's own .ts / .mts / .js / .mjs files, through the CLI. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from './helpers/cli.js';
import { haveGo } from './helpers/go-tool.js';
import { cleanupTmpTrees, copyExamples, tmpTree } from './helpers/tmp-tree.js';
import { cacheEntries } from '../src/run/cache.js';
import { loadUserCodemod } from '../src/registry/user-codemods.js';

afterAll(cleanupTmpTrees);

const repo = join(import.meta.dirname, '..');

/** A helper module of the user's, imported by the codemod: it uses gocodemod at run time. */
const HELPER_TS = `import { fixer, type Context, type Edit, type Node } from 'gocodemod';

/** Calls pkg.fn(...) in the file, with their argument lists. */
export function selectorCalls(ctx: Context, pkg: string, fn: string): { call: Node; args: Node }[] {
  const q = ctx.query('(call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn) arguments: (argument_list) @args) @call');
  return q
    .matches(ctx.file.tree.rootNode)
    .map((m) => Object.fromEntries(m.captures.map((c) => [c.name, c.node])) as Record<string, Node>)
    .filter((c) => c.pkg.text === pkg && c.fn.text === fn)
    .map((c) => ({ call: c.call, args: c.args }));
}

export const MESSAGE = 'strings.Index(s, sub) != -1 is strings.Contains(s, sub)';

export function replaceNode(node: Node, text: string): Edit {
  return fixer.replace(node, text);
}
`;

/** strings.Index(s, sub) != -1 (or >= 0) ⇒ strings.Contains(s, sub); == -1 (or < 0) ⇒ !strings.Contains. */
const CODEMOD_TS = `import { defineCodemod, type Node } from 'gocodemod';
import { MESSAGE, replaceNode, selectorCalls } from './lib/helper.js';

export default defineCodemod({
  name: 'index-to-contains',
  description: 'strings.Index(s, sub) != -1 becomes strings.Contains(s, sub)',
  needles: ['strings.Index('],
  run(ctx) {
    for (const { call, args } of selectorCalls(ctx, 'strings', 'Index')) {
      const cmp: Node | null = call.parent;
      if (cmp?.type !== 'binary_expression' || cmp.childForFieldName('left')?.id !== call.id) continue;
      const op = cmp.childForFieldName('operator')!.text;
      const rhs = cmp.childForFieldName('right')!.text;
      const found = (op === '!=' && rhs === '-1') || (op === '>=' && rhs === '0');
      const missing = (op === '==' && rhs === '-1') || (op === '<' && rhs === '0');
      if (!found && !missing) continue;
      const text = (missing ? '!' : '') + 'strings.Contains' + args.text;
      ctx.report({ start: cmp.startIndex, end: cmp.endIndex, message: MESSAGE, fixes: [{ message: 'use strings.Contains', edits: [replaceNode(cmp, text)] }] });
    }
  },
});
`;

const GO_SRC = `package m

import "strings"

func Has(s, sub string) bool {
	return strings.Index(s, sub) != -1
}

func Lacks(s, sub string) bool {
	if strings.Index(s, sub) < 0 {
		return true
	}
	return strings.Index(s, sub) > 3 // not a membership test: kept
}
`;

/** A tree with the codemod, its helper, and Go code for it. */
function userTree(extra: Record<string, string> = {}) {
  return tmpTree({
    'go.mod': 'module example.com/m\n\ngo 1.22\n',
    'm.go': GO_SRC,
    'mods/index-to-contains.ts': CODEMOD_TS,
    'mods/lib/helper.ts': HELPER_TS,
    ...extra,
  });
}

async function listJson(dir: string, ...files: string[]) {
  const r = await runCli(['list', '--json', ...files.flatMap((f) => ['--codemod', f])], dir);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as { name: string; inAll: boolean; options: Record<string, unknown>; origin: { file: string; hash: string } | null }[];
}

test('a .ts codemod importing a local helper and gocodemod rewrites a Go tree: the diff a user expects', async () => {
  const dir = userTree();
  const r = await runCli(['run', '--codemod', 'mods/index-to-contains.ts', '.'], dir);
  expect(r.stderr).toMatch(/1 file scanned, 1 to change/);
  expect(r.stderr).toMatch(/changes: index-to-contains 2/);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'diff --git a/m.go b/m.go',
      '--- a/m.go',
      '+++ b/m.go',
      '@@ -3,11 +3,11 @@',
      ' import "strings"',
      ' ',
      ' func Has(s, sub string) bool {',
      '-\treturn strings.Index(s, sub) != -1',
      '+\treturn strings.Contains(s, sub)',
      ' }',
      ' ',
      ' func Lacks(s, sub string) bool {',
      '-\tif strings.Index(s, sub) < 0 {',
      '+\tif !strings.Contains(s, sub) {',
      ' \t\treturn true',
      ' \t}',
      ' \treturn strings.Index(s, sub) > 3 // not a membership test: kept',
      '',
    ].join('\n'),
  );

  // --check and --write work as for a built-in.
  const check = await runCli(['run', '--check', '--codemod', 'mods/index-to-contains.ts', '.'], dir);
  expect(check.code).toBe(1);
  expect(check.stdout).toBe(
    'm.go:6:9: strings.Index(s, sub) != -1 is strings.Contains(s, sub) (index-to-contains)\n' +
      'm.go:10:5: strings.Index(s, sub) != -1 is strings.Contains(s, sub) (index-to-contains)\n',
  );
  expect((await runCli(['run', '--write', '--codemod', 'mods/index-to-contains.ts', '.'], dir)).code).toBe(0);
  expect(readFileSync(join(dir, 'm.go'), 'utf8')).toContain('\treturn strings.Contains(s, sub)\n');
  expect(await runCli(['run', '--codemod', 'mods/index-to-contains.ts', '.'], dir)).toMatchObject({ code: 0, stdout: '' });
});

test('--codemod adds to the built-ins named or --all; built-ins run first, then the files in command-line order', async () => {
  const dir = userTree({
    'other.mjs': "export default { name: 'zz-first-on-the-command-line', description: 'nothing', run() {} };\n",
  });
  writeFileSync(join(dir, 'm.go'), GO_SRC.replace('func Has(s, sub string) bool {', 'func Has(s, sub string, _ interface{}) bool {'));
  const both = await runCli(['run', 'interface-to-any', '--codemod', 'mods/index-to-contains.ts', '.'], dir);
  expect(both.code).toBe(0);
  expect(both.stdout).toContain('+func Has(s, sub string, _ any) bool {\n');
  expect(both.stdout).toContain('+\treturn strings.Contains(s, sub)\n');
  expect(both.stderr).toMatch(/changes: interface-to-any 1, index-to-contains 2/);
  const all = await runCli(['run', '--all', '--codemod', 'mods/index-to-contains.ts', '.'], dir);
  expect(all.stdout).toBe(both.stdout);
  // Naming a --codemod's codemod too is allowed; a mistyped built-in is still an unknown codemod.
  expect((await runCli(['run', '--codemod', 'mods/index-to-contains.ts', 'index-to-contains', '.'], dir)).stdout).toContain('strings.Contains');
  const typo = await runCli(['run', '--codemod', 'mods/index-to-contains.ts', 'interface-to-anny', '.'], dir);
  expect(typo).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown codemod 'interface-to-anny'; available: .*index-to-contains/) });

  const names = (await listJson(dir, 'other.mjs', 'mods/index-to-contains.ts')).map((c) => c.name);
  expect(names).toEqual([
    'go-directive-bump',
    'interface-to-any',
    'inline-generic-constraints',
    'sliceheader-to-unsafe-slice',
    'unsafe-slice-to-sliceheader',
    'loopvar-copy',
    'rangeint',
    'plusbuild',
    'obsolete-go-build',
    'zz-first-on-the-command-line',
    'index-to-contains',
  ]);
});

test('list and list --json show --codemod codemods with the file they came from', async () => {
  const dir = userTree();
  const rows = await listJson(dir, 'mods/index-to-contains.ts');
  // The built-ins first, then the file's codemod.
  expect(rows.slice(0, -1).every((r) => r.origin === null)).toBe(true);
  expect(rows.at(-1)).toEqual({
    name: 'index-to-contains',
    minGo: null,
    scope: 'file',
    inAll: true,
    description: 'strings.Index(s, sub) != -1 becomes strings.Contains(s, sub)',
    options: {},
    origin: { file: join(dir, 'mods/index-to-contains.ts'), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
  });
  const tmpBefore = readdirSync(tmpdir()).filter((n) => n.startsWith('gocodemod-codemods-'));
  const text = await runCli(['list', '--codemod', 'mods/index-to-contains.ts'], dir);
  expect(text.stdout).toMatch(/\nindex-to-contains\s+-\s+file\s+yes\s+strings\.Index\(s, sub\) != -1 becomes strings\.Contains\(s, sub\) \(from mods\/index-to-contains\.ts\)\n$/);
  // Listing leaves no bundle behind: it writes to a temporary directory and removes it.
  expect(readdirSync(tmpdir()).filter((n) => n.startsWith('gocodemod-codemods-') && !tmpBefore.includes(n))).toEqual([]);
});

test('the hash covers the files the codemod imports: editing the helper changes origin.hash, and the run uses the new code', async () => {
  const dir = userTree();
  const before = (await listJson(dir, 'mods/index-to-contains.ts')).at(-1)!.origin!.hash;
  expect((await listJson(dir, 'mods/index-to-contains.ts')).at(-1)!.origin!.hash).toBe(before); // stable
  const first = await runCli(['run', '--check', '--codemod', 'mods/index-to-contains.ts', '.'], dir);
  expect(first.stdout).toContain('is strings.Contains(s, sub) (index-to-contains)');

  writeFileSync(join(dir, 'mods/lib/helper.ts'), HELPER_TS.replace("export const MESSAGE = 'strings.Index(s, sub) != -1 is strings.Contains(s, sub)'", "export const MESSAGE = 'edited helper'"));
  const after = (await listJson(dir, 'mods/index-to-contains.ts')).at(-1)!.origin!.hash;
  expect(after).not.toBe(before);
  const second = await runCli(['run', '--check', '--codemod', 'mods/index-to-contains.ts', '.'], dir);
  expect(second.stdout).toBe('m.go:6:9: edited helper (index-to-contains)\nm.go:10:5: edited helper (index-to-contains)\n');
});

test('cached and in worker threads: a warm run recomputes nothing; editing the helper never returns a stale result', async () => {
  const dir = userTree({ 'sub/s.go': GO_SRC.replace('package m', 'package sub') });
  const env = { GOCODEMOD_CACHE_DIR: mkdtempSync(join(tmpdir(), 'gocodemod-cache-test-')) };
  const args = ['run', '--check', '-j', '2', '--codemod', 'mods/index-to-contains.ts', '.'];
  const uncached = await runCli([...args, '--no-cache'], dir);
  expect(uncached.stdout).toContain('sub/s.go:6:9: strings.Index(s, sub) != -1 is strings.Contains(s, sub) (index-to-contains)\n');
  expect((await runCli(args, dir, { env })).stdout).toBe(uncached.stdout);
  const entries = cacheEntries(env.GOCODEMOD_CACHE_DIR);
  expect(entries).toBe(2); // one per directory
  expect((await runCli(args, dir, { env })).stdout).toBe(uncached.stdout);
  expect(cacheEntries(env.GOCODEMOD_CACHE_DIR)).toBe(entries);

  writeFileSync(join(dir, 'mods/lib/helper.ts'), HELPER_TS.replace("export const MESSAGE = 'strings.Index(s, sub) != -1 is strings.Contains(s, sub)'", "export const MESSAGE = 'edited helper'"));
  const edited = await runCli(args, dir, { env });
  expect(edited.stdout).toBe('m.go:6:9: edited helper (index-to-contains)\nm.go:10:5: edited helper (index-to-contains)\nsub/s.go:6:9: edited helper (index-to-contains)\nsub/s.go:10:5: edited helper (index-to-contains)\n');
  expect(cacheEntries(env.GOCODEMOD_CACHE_DIR)).toBe(2 * entries);
});

test('loadUserCodemod: origin is the file URL of a content-addressed bundle that a fresh Node process can import', async () => {
  const dir = userTree();
  const outDir = tmpTree({});
  const u = await loadUserCodemod('mods/index-to-contains.ts', { cwd: dir, outDir });
  expect(u.codemod.name).toBe('index-to-contains');
  expect(u.file).toBe(join(dir, 'mods/index-to-contains.ts'));
  const bundle = fileURLToPath(u.origin.module);
  expect(u.origin.module.startsWith('file://')).toBe(true);
  expect(bundle).toBe(join(outDir, `${u.origin.hash}.mjs`));
  const text = readFileSync(bundle, 'utf8');
  expect(createHash('sha256').update(text).digest('hex')).toBe(u.origin.hash);
  expect(text).toContain('export const MESSAGE'.replace('export const', 'var')); // the helper is inside
  expect(readdirSync(outDir)).toEqual([basename(bundle)]);
  // Same files, same bundle: loading again writes nothing new.
  expect((await loadUserCodemod(join(dir, 'mods/index-to-contains.ts'), { cwd: repo, outDir })).origin).toEqual(u.origin);
  expect(readdirSync(outDir)).toHaveLength(1);

  // 'gocodemod' is this package's compiled entry, even here under jest (as for the runner's
  // worker script), so a worker thread can import the bundle by its URL alone.
  expect(text).toContain(`from ${JSON.stringify(pathToFileURL(join(repo, 'dist', 'src', 'index.js')).href)}`);
  const script = `
    import { Worker } from 'node:worker_threads';
    const module = ${JSON.stringify(u.origin.module)};
    const w = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: module });
    w.on('message', (m) => { console.log(m); w.terminate(); });`;
  writeFileSync(
    join(dir, 'worker.mjs'),
    "import { parentPort, workerData } from 'node:worker_threads';\nconst m = await import(workerData);\nparentPort.postMessage(m.default.name + ' ' + typeof m.default.run);\n",
  );
  writeFileSync(join(dir, 'main.mjs'), script);
  const r = spawnSync(process.execPath, [join(dir, 'main.mjs')], { encoding: 'utf8' });
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: 'index-to-contains function\n', stderr: '' });
});

test('.mjs and .js codemods work; options via -o reach them, with defaultOptions and validateOptions', async () => {
  const rename = `import { defineCodemod, fixer } from 'gocodemod';
export default defineCodemod({
  name: 'rename-call',
  description: 'calls of options.from become calls of options.to',
  defaultOptions: { from: 'Old', to: 'New', times: 1 },
  validateOptions: (o) => (/^[A-Za-z_]\\w*$/.test(o.to) ? undefined : \`to: '\${o.to}' is not a Go identifier\`),
  run(ctx) {
    for (const { node } of ctx.query('(call_expression function: (identifier) @f)').captures(ctx.file.tree.rootNode)) {
      if (node.text !== ctx.options.from) continue;
      const text = ctx.options.times === 2 ? ctx.options.to + ctx.options.to : ctx.options.to;
      ctx.report({ start: node.startIndex, end: node.endIndex, message: 'renamed', fixes: [{ message: 'rename', edits: [fixer.replace(node, text)] }] });
    }
  },
});
`;
  const dir = tmpTree({
    'go.mod': 'module m\n\ngo 1.22\n',
    'a.go': 'package m\n\nfunc f() { Old(); Other() }\n',
    'rename.mjs': rename,
    'js/rename.js': rename,
  });
  const byDefault = await runCli(['run', '--codemod', 'rename.mjs', '.'], dir);
  expect(byDefault.code).toBe(0);
  expect(byDefault.stdout).toContain('-func f() { Old(); Other() }\n+func f() { New(); Other() }\n');
  const js = await runCli(['run', '--codemod', 'js/rename.js', '.'], dir);
  expect(js.stdout).toBe(byDefault.stdout);

  const opts = await runCli(['run', '--codemod', 'rename.mjs', '-o', 'rename-call.from=Other', '-o', 'rename-call.to=Renamed', '-o', 'rename-call.times=2', '.'], dir);
  expect(opts.code).toBe(0);
  expect(opts.stdout).toContain('+func f() { Old(); RenamedRenamed() }\n');
  const invalid = await runCli(['run', '--codemod', 'rename.mjs', '-o', 'rename-call.to=9lives', '.'], dir);
  expect(invalid).toMatchObject({ code: 2, stdout: '', stderr: "gocodemod: codemod 'rename-call': to: '9lives' is not a Go identifier\n" });
  const unknown = await runCli(['run', '--codemod', 'rename.mjs', '-o', 'rename-call.nope=1', '.'], dir);
  expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/codemod 'rename-call' has no option 'nope'; valid options: from, to, times/) });
  const notNumber = await runCli(['run', '--codemod', 'rename.mjs', '-o', 'rename-call.times=x', '.'], dir);
  expect(notNumber).toMatchObject({ code: 2, stderr: expect.stringMatching(/-o rename-call\.times=x: expected a number/) });
  expect((await listJson(dir, 'rename.mjs')).at(-1)!.options).toEqual({ from: 'Old', to: 'New', times: 1 });
});

test('bundles go to <cache dir>/codemods, named by their hash; --no-cache leaves nothing behind', async () => {
  const dir = userTree();
  const hash = (await listJson(dir, 'mods/index-to-contains.ts')).at(-1)!.origin!.hash;
  const cached = await runCli(['run', '--cache-dir', 'cache', '--codemod', 'mods/index-to-contains.ts', '.'], dir);
  expect(cached.code).toBe(0);
  expect(readdirSync(join(dir, 'cache', 'codemods'))).toEqual([`${hash}.mjs`]);

  const fresh = userTree();
  const tmpBefore = readdirSync(tmpdir()).filter((n) => n.startsWith('gocodemod-codemods-'));
  const uncached = await runCli(['run', '--no-cache', '--cache-dir', 'cache', '--codemod', 'mods/index-to-contains.ts', '.'], fresh);
  expect(uncached.stdout).toBe(cached.stdout);
  expect(existsSync(join(fresh, 'cache'))).toBe(false);
  expect(readdirSync(tmpdir()).filter((n) => n.startsWith('gocodemod-codemods-') && !tmpBefore.includes(n))).toEqual([]);
});

describe('errors name the file and exit 2', () => {
  const codemod = (fields: string) => `import { defineCodemod } from 'gocodemod';\nexport default defineCodemod({ ${fields} } as any);\n`;
  const valid = "name: 'ok-name', description: 'one line', run() {}";
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a missing file', {}, /^gocodemod: --codemod nope\.ts: no such file\n$/],
    ['a directory', { 'nope.ts/x': '' }, /^gocodemod: --codemod nope\.ts: not a file\n$/],
    ['another extension', { 'nope.ts': '', 'x.py': '' }, /--codemod x\.py: expected a \.ts, \.mts, \.js, \.mjs file/],
    [
      'a syntax error, at its line and column',
      { 'nope.ts': "import { defineCodemod } from 'gocodemod';\n\nexport default defineCodemod({ name: 'x' description: 'y' });\n" },
      /^gocodemod: --codemod nope\.ts: build failed:\nnope\.ts:3:42: error: Expected "}" but found "description"\n$/,
    ],
    [
      'a syntax error in a file it imports',
      { 'nope.ts': "import { h } from './lib/h.js';\nexport default h;\n", 'lib/h.ts': 'export const h = {\n  name: 1 +,\n};\n' },
      /--codemod nope\.ts: build failed:\nlib\/h\.ts:2:12: error: Unexpected ","/,
    ],
    [
      'an import that does not resolve',
      { 'nope.ts': "import thing from 'no-such-package';\nexport default thing;\n" },
      /--codemod nope\.ts: build failed:\nnope\.ts:1:19: error: Could not resolve "no-such-package"/,
    ],
    ['no default export', { 'nope.ts': "export const codemod = { name: 'x', description: 'y', run() {} };\n" }, /--codemod nope\.ts: no default export; write `export default defineCodemod/],
    ['a default export that is not an object', { 'nope.ts': 'export default 42;\n' }, /--codemod nope\.ts: the default export is not a codemod: expected an object, got number/],
    ['a name that is not kebab-case', { 'nope.ts': codemod("name: 'My_Codemod', description: 'd', run() {}") }, /--codemod nope\.ts: the default export is not a codemod: name must be a kebab-case string .*got "My_Codemod"/],
    ['no description', { 'nope.ts': codemod("name: 'x', run() {}") }, /--codemod nope\.ts: .*description must be a one-line, non-empty string, got nothing/],
    ['run not a function', { 'nope.ts': codemod("name: 'x', description: 'd', run: 'go'") }, /--codemod nope\.ts: .*run must be a function, got "go"/],
    ['needles not strings', { 'nope.ts': codemod(`${valid}, needles: 'x'`) }, /--codemod nope\.ts: .*needles must be an array of strings/],
    ['a bad scope', { 'nope.ts': codemod(`${valid}, scope: 'module'`) }, /--codemod nope\.ts: .*scope must be 'file' or 'package', got "module"/],
    ['bad fileKinds', { 'nope.ts': codemod(`${valid}, fileKinds: ['go', 'go.sum']`) }, /--codemod nope\.ts: .*fileKinds must be a non-empty array of 'go', 'go.mod', 'go.work'/],
    ['a bad minGo', { 'nope.ts': codemod(`${valid}, minGo: 'go1.22'`) }, /--codemod nope\.ts: .*minGo must be a Go version like '1\.22'.*got "go1\.22"/],
    ['the name of a built-in', { 'nope.ts': codemod("name: 'interface-to-any', description: 'd', run() {}") }, /--codemod nope\.ts: the name 'interface-to-any' is the name of a built-in codemod/],
    ['empty needles', { 'nope.ts': codemod(`${valid}, needles: ['time.', '']`) }, /--codemod nope\.ts: .*needles must be non-empty strings, but needles\[1\] is ""/],
    ['an empty query', { 'nope.ts': codemod(`${valid}, query: ' '`) }, /--codemod nope\.ts: .*query must be a non-empty string/],
    ['a default option -o cannot set', { 'nope.ts': codemod(`${valid}, defaultOptions: { to: '1.22', limits: { max: 1 } }`) }, /--codemod nope\.ts: .*defaultOptions\.limits must be a string, a finite number, a boolean or an array of strings .*got object/],
    [
      'code that throws while loading: the error with its stack in the file',
      { 'nope.ts': "const n: number = 1;\nthrow new Error('top-level boom');\nexport default {};\n" },
      /^gocodemod: --codemod nope\.ts: failed while loading: Error: top-level boom\n {8}at nope\.ts:2:7\n$/,
    ],
  ];
  test.each(cases)('%s', async (_what, files, message) => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': 'package m\n', ...files });
    const file = Object.keys(files).includes('x.py') ? 'x.py' : 'nope.ts';
    for (const argv of [['run', '--codemod', file, '.'], ['list', '--codemod', file]]) {
      const r = await runCli(argv, dir);
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 2, stdout: '' });
      expect(r.stderr).toMatch(message);
    }
  });

  test('two --codemod files with the same name; the same file twice', async () => {
    const dir = tmpTree({ 'a.ts': codemod(valid), 'b/a.mjs': `export default { ${valid} };\n` });
    expect(await runCli(['run', '--codemod', 'a.ts', '--codemod', 'b/a.mjs', '.'], dir)).toMatchObject({
      code: 2,
      stderr: "gocodemod: --codemod b/a.mjs: the name 'ok-name' is also the name of the codemod in a.ts\n",
    });
    expect(await runCli(['list', '--codemod', 'a.ts', '--codemod', './a.ts'], dir)).toMatchObject({ code: 2, stderr: 'gocodemod: --codemod a.ts is given twice\n' });
  });

  test('a codemod that throws while running is a file error naming it, as for a built-in', async () => {
    const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': 'package m\n', 'boom.mjs': "export default { name: 'boom', description: 'd', run() { throw new Error('bad day'); } };\n" });
    const r = await runCli(['run', '--codemod', 'boom.mjs', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gocodemod: codemod boom crashed on 1 file (a.go); they are left as they were:\n    Error: bad day\n        at Object.run (boom.mjs:1:');
  });
});

test('examples/codemods/ioutil-to-io-os.ts, as examples/README.md shows it', async () => {
  const dir = copyExamples();
  const r = await runCli(['run', '--codemod', 'examples/codemods/ioutil-to-io-os.ts', 'examples/'], dir);
  expect(r.code).toBe(0);
  const [config, files, ...rest] = r.stdout.split(/(?=^diff --git )/m);
  expect(rest).toEqual([]);
  // modern/files uses every io/ioutil function: all move but ReadDir, which is reported, so io/ioutil stays.
  expect(files).toMatch(/^diff --git a\/examples\/modern\/files\/files.go /);
  for (const line of ['+\t"os"', '+\tdir, err := os.MkdirTemp("", "files-")', '+\treturn &Store{Dir: dir, Log: io.Discard}, nil', '+\tf, err := os.CreateTemp(s.Dir, ".probe-")']) expect(files).toContain(line);
  expect(files).not.toContain('-\t"io/ioutil"');
  expect(r.stderr).toContain('examples/modern/files/files.go:67:16: ioutil.ReadDir has no drop-in replacement in io or os: migrate it by hand (ioutil-to-io-os)');
  expect(config).toBe(
    [
      'diff --git a/examples/legacy/config.go b/examples/legacy/config.go',
      '--- a/examples/legacy/config.go',
      '+++ b/examples/legacy/config.go',
      '@@ -3,7 +3,6 @@',
      ' import (',
      ' \t"bufio"',
      ' \t"io"',
      '-\t"io/ioutil"',
      ' \t"strings"',
      ' )',
      ' ',
      '@@ -15,7 +14,7 @@ type Config struct {',
      ' // ParseConfig reads key=value lines; blank lines and lines starting with #',
      ' // are ignored. Values "true" and "false" become bools.',
      ' func ParseConfig(r io.Reader) (*Config, error) {',
      '-\tdata, err := ioutil.ReadAll(r)',
      '+\tdata, err := io.ReadAll(r)',
      ' \tif err != nil {',
      ' \t\treturn nil, err',
      ' \t}',
      '',
    ].join('\n'),
  );
  // Imports it must add land where gofmt puts them.
  const other = tmpTree({
    'go.mod': 'module m\n\ngo 1.16\n',
    'a.go': 'package m\n\nimport (\n\t"fmt"\n\t"io/ioutil"\n)\n\nfunc f() { b, _ := ioutil.ReadFile("x"); fmt.Println(b); _ = ioutil.Discard }\n',
    'b.go': 'package m\n\nimport "io/ioutil"\n\nfunc g() ([]byte, error) { return ioutil.ReadFile("y") }\n',
    'c.go': 'package m\n\nimport "io/ioutil"\n\nvar _, _ = ioutil.ReadDir(".") // no drop-in replacement: kept\n',
  });
  const mod = join(repo, 'examples', 'codemods', 'ioutil-to-io-os.ts');
  const w = await runCli(['run', '--write', '--codemod', mod, '.'], other);
  expect(w.code).toBe(0);
  expect(readFileSync(join(other, 'a.go'), 'utf8')).toBe('package m\n\nimport (\n\t"fmt"\n\t"io"\n\t"os"\n)\n\nfunc f() { b, _ := os.ReadFile("x"); fmt.Println(b); _ = io.Discard }\n');
  expect(readFileSync(join(other, 'b.go'), 'utf8')).toBe('package m\n\nimport "os"\n\nfunc g() ([]byte, error) { return os.ReadFile("y") }\n');
  expect(readFileSync(join(other, 'c.go'), 'utf8')).toContain('ioutil.ReadDir');
});

(haveGo() ? test : test.skip)('examples/legacy still builds and passes go vet and go test after the example codemod --write', async () => {
  const dir = copyExamples();
  expect((await runCli(['run', '--write', '--codemod', 'examples/codemods/ioutil-to-io-os.ts', 'examples/'], dir)).code).toBe(0);
  const r = spawnSync('sh', ['-c', 'go build ./... && go vet ./... && go test -count=1 ./...'], {
    cwd: join(dir, 'examples', 'legacy'),
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local', GOPROXY: 'off' },
  });
  expect({ status: r.status, out: r.status ? r.stdout + r.stderr : '' }).toEqual({ status: 0, out: '' });
});

test("README's \"Writing your own codemod\" example runs as shown", async () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Writing your own codemod'));
  const [, file, source] = /```ts\n\/\/ (\S+)\n([\s\S]*?)```/.exec(section)!;
  const command = /```sh\n(npx gocodemod run [^\n]*)\n```/.exec(section)![1];
  const dir = tmpTree({
    'go.mod': 'module m\n\ngo 1.22\n',
    'a.go': 'package m\n\nimport "time"\n\nfunc elapsed(start time.Time) time.Duration { return time.Now().Sub(start) }\n',
    [file]: `// ${file}\n${source}`,
  });
  const argv = command.split(/\s+/).slice(2); // after `npx gocodemod`
  expect(argv).toContain(file);
  const r = await runCli(argv, dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('-func elapsed(start time.Time) time.Duration { return time.Now().Sub(start) }\n+func elapsed(start time.Time) time.Duration { return time.Since(start) }\n');
});

test('scripts/bench/bool-compare.ts (the bench codemod with no needles): fixes only what is a bool by its syntax, and the result vets', async () => {
  const src = [
    'package p',
    '',
    'func f(a, b int, ok bool, v any) (int, bool, bool) {',
    '\tn := 0',
    '\tif a < b == true {',
    '\t\tn++',
    '\t}',
    '\tif a < b == false || !ok != true {',
    '\t\tn++',
    '\t}',
    '\tif (a == b) != false {',
    '\t\tn++',
    '\t}',
    '\treturn n, ok == true, v == true',
    '}',
    '',
  ].join('\n');
  const dir = tmpTree({ 'go.mod': 'module example.com/p\n\ngo 1.22\n', 'p.go': src });
  const bench = join(repo, 'scripts', 'bench', 'bool-compare.ts');
  const r = await runCli(['run', '--write', '--codemod', bench, '.'], dir);
  expect(r.code).toBe(0);
  // ok == true and v == true: reported, not fixed (ok may be a bool, v is an interface).
  expect(r.stderr).toContain('p.go:14:12: comparison with true can be simplified (if its operand is a bool) (bool-compare)');
  expect(r.stderr).toContain('p.go:14:24: comparison with true can be simplified (if its operand is a bool) (bool-compare)');
  expect(readFileSync(join(dir, 'p.go'), 'utf8')).toBe(
    src.replace('a < b == true', 'a < b').replace('a < b == false || !ok != true', '!(a < b) || !!ok').replace('(a == b) != false', 'a == b'), // gofmt drops the parentheses
  );
  if (haveGo()) {
    const vet = spawnSync('go', ['vet', './...'], { cwd: dir, encoding: 'utf8' });
    expect(vet.stderr).toBe('');
    expect(vet.status).toBe(0);
  }
});
