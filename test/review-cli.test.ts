/**
 * Review output from the command line: diffs that `git apply` takes from any directory of a
 * work tree, `--relative`, `--output-dir` patches that git applies in order to exactly the
 * --write tree (and alone where they do not need another's lines), and the flag checks.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';
import { gorootSample, haveGo } from './helpers/go-tool.js';
import { git, gitRepo, reportValidator, treeTexts } from './helpers/review.js';
import type { Codemod } from '../src/go/codemod.js';
import { builtinCodemods } from '../src/registry/builtins.js';

afterAll(cleanupTmpTrees);
const examples = join(import.meta.dirname, '..', 'examples');

function examplesRepo(): string {
  const dir = tmpTree({});
  cpSync(examples, join(dir, 'examples'), { recursive: true });
  gitRepo(dir);
  return dir;
}

async function writeTree(args: string[], sub = 'examples', codemods?: Parameters<typeof runCli>[3], files?: Record<string, string>): Promise<Map<string, string>> {
  const dir = files ? tmpTree(files) : examplesRepo();
  if (files) gitRepo(dir);
  const r = await runCli(['run', ...args, '--write', '-q'], join(dir, sub), {}, codemods);
  expect(r.code).toBe(0);
  return treeTexts(dir);
}

describe('diff paths', () => {
  test('from a subdirectory of a work tree, the diff names files from its root and git apply takes it', async () => {
    const dir = examplesRepo();
    const cwd = join(dir, 'examples', 'inventory');
    const r = await runCli(['run', '--all', '-q', '.'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/examples/inventory/item.go b/examples/inventory/item.go');
    writeFileSync(join(dir, 'p.patch'), r.stdout);
    git(cwd, 'apply', '-v', join(dir, 'p.patch'));
    const applied = treeTexts(dir);
    applied.delete('p.patch');
    expect(applied).toEqual(await writeTree(['--all', '.'], 'examples/inventory'));
  });

  test('--relative names them from the current directory, as git diff --relative does', async () => {
    const dir = examplesRepo();
    const r = await runCli(['run', '--all', '-q', '--relative', '.'], join(dir, 'examples', 'inventory'));
    expect(r.stdout).toContain('diff --git a/item.go b/item.go');
    // path:line:col lines stay relative to the current directory either way.
    const check = await runCli(['run', '--all', '-q', '--check', '.'], join(dir, 'examples', 'inventory'));
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^item\.go:\d+:\d+: /m);
  });
});

/** Applies the patches of `out` in order (or the given order) with git apply in `repo`. */
function applyPatches(repo: string, out: string, names: string[]) {
  for (const name of names) git(repo, 'apply', '-v', join(out, name));
}

describe('--output-dir', () => {
  test('examples: the patches, applied in order with git apply, give exactly the --write tree', async () => {
    const dir = examplesRepo();
    const out = tmpTree({});
    writeFileSync(join(out, '07-stale.patch'), 'old');
    const r = await runCli(['run', '--all', '--output-dir', out, '.'], join(dir, 'examples'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(''); // no diff on stdout unless --format asks for one
    const names = readdirSync(out).filter((n) => n.endsWith('.patch')).sort();
    expect(names).toEqual([
      '01-go-directive-bump.patch',
      '02-interface-to-any.patch',
      '03-inline-generic-constraints.patch',
      '04-sliceheader-to-unsafe-slice.patch',
      '05-loopvar-copy.patch',
      '06-rangeint.patch',
      '07-plusbuild.patch',
      '08-obsolete-go-build.patch',
    ]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(reportValidator()(summary)).toBe(true);
    expect(summary.patches.map((p: { file: string }) => p.file)).toEqual(names);
    // interface-to-any edits the legacy module only because the go.mod patch raises its Go version.
    expect(summary.patches[1].dependsOn).toContainEqual({ patch: '01-go-directive-bump.patch', why: 'go.mod' });
    // obsolete-go-build deletes `//go:build go1.18` and the blank line after the `// +build`
    // line that plusbuild deletes: in the tree as read they are not next to each other.
    expect(summary.patches[7]).toMatchObject({ appliesAlone: false, dependsOn: expect.arrayContaining([{ patch: '07-plusbuild.patch', why: 'lines' }]) });

    const fresh = examplesRepo();
    applyPatches(fresh, out, names);
    expect(treeTexts(fresh)).toEqual(await writeTree(['--all', '.']));
    // Patches that need no other's lines apply alone to the original tree.
    for (const p of summary.patches) {
      if (!p.appliesAlone) continue;
      const alone = examplesRepo();
      git(alone, 'apply', '--check', '-v', join(out, p.file));
    }
  });

  (haveGo() ? test : test.skip)('a GOROOT/src sample: the patches, applied in order with git apply, give exactly the --write tree', async () => {
    const sample = gorootSample(25);
    const files = Object.fromEntries(sample.map((abs) => [join('src', abs.slice(abs.indexOf('/src/') + 5)), readFileSync(abs, 'utf8')]));
    const dir = tmpTree(files);
    gitRepo(dir);
    const out = tmpTree({});
    const r = await runCli(['run', '--all', '--go', '1.22', '-q', '--output-dir', out, '.'], join(dir, 'src'));
    expect(r.code).toBe(0);
    const names = readdirSync(out).filter((n) => n.endsWith('.patch')).sort();
    expect(names.length).toBeGreaterThan(0);
    applyPatches(dir, out, names);
    expect(treeTexts(dir)).toEqual(await writeTree(['--all', '--go', '1.22', '.'], 'src', undefined, files));
  });

  // Three codemods over one file: b edits the line a edits; c edits two lines below it.
  const replace = (name: string, from: string, to: string): Codemod => ({
    name,
    description: `${from} -> ${to}`,
    run(ctx) {
      const at = ctx.file.source.indexOf(from);
      if (at >= 0) ctx.report({ start: at, end: at + from.length, message: `${from} is ${to}`, fixes: [{ message: to, edits: [{ start: at, end: at + from.length, text: to }] }] });
    },
  });
  const codemods = [replace('a', 'one', 'ONE'), replace('b', 'two', 'TWO'), replace('c', 'three', 'THREE')];
  const source = 'package p\n\nvar (\n\tx = 1\n\ty = "one two"\n\tz = 2\n\tw = "three"\n\tv = 3\n)\n';

  test('a patch that needs another patch\'s lines says so; one that only comes near them applies alone to the original', async () => {
    const dir = tmpTree({ 'p.go': source });
    gitRepo(dir);
    const out = tmpTree({});
    const r = await runCli(['run', 'a', 'b', 'c', '--output-dir', out, '.'], dir, {}, codemods);
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.patches.map((p: { file: string; dependsOn: unknown[]; appliesAlone: boolean }) => [p.file, p.dependsOn, p.appliesAlone])).toEqual([
      ['01-a.patch', [], true],
      ['02-b.patch', [{ patch: '01-a.patch', why: 'lines' }], false],
      ['03-c.patch', [], true],
    ]);
    const written = await writeTree(['a', 'b', 'c', '.'], '.', codemods, { 'p.go': source });
    const inOrder = tmpTree({ 'p.go': source });
    gitRepo(inOrder);
    applyPatches(inOrder, out, ['01-a.patch', '02-b.patch', '03-c.patch']);
    expect(treeTexts(inOrder)).toEqual(written);
    // c's hunk keeps its context off a's line: it applies first, then a and b still apply.
    const cFirst = tmpTree({ 'p.go': source });
    gitRepo(cFirst);
    applyPatches(cFirst, out, ['03-c.patch']);
    expect(readFileSync(join(cFirst, 'p.go'), 'utf8')).toBe(source.replace('three', 'THREE'));
  });
});

test('examples/ci/pr-per-patch.mjs makes a branch per patch: independent ones on the base, dependent ones stacked', async () => {
  const dir = examplesRepo();
  const out = tmpTree({});
  expect((await runCli(['run', '--all', '-q', '--output-dir', out, '.'], join(dir, 'examples'))).code).toBe(0);
  const base = git(dir, 'branch', '--show-current').trim();
  const script = join(import.meta.dirname, '..', 'examples', 'ci', 'pr-per-patch.mjs');
  const printed = execFileSync('node', [script, out, base, '--no-push'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const commands = printed.trim().split('\n');
  expect(commands).toHaveLength(summary.patches.length);
  summary.patches.forEach((p: { file: string; files: string[]; dependsOn: { patch: string }[] }, i: number) => {
    const branch = `gocodemod/${p.file.replace(/\.patch$/, '')}`;
    const onto = p.dependsOn.length ? `gocodemod/${p.dependsOn[p.dependsOn.length - 1].patch.replace(/\.patch$/, '')}` : base;
    expect(commands[i]).toContain(`"--head" "${branch}" "--base" "${onto}"`);
    // The pull request's diff (its branch against its base) is this patch's files.
    expect(git(dir, 'diff', '--name-only', onto, branch).trim().split('\n').sort()).toEqual([...p.files].sort());
  });
  expect(git(dir, 'branch', '--show-current').trim()).toBe(base);
});

describe('flags', () => {
  test('--interactive is refused, with exit 2, when stdin or stdout is not a terminal', async () => {
    const dir = examplesRepo();
    const r = await runCli(['run', '--all', '--interactive', '.'], join(dir, 'examples'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--interactive needs a terminal/);
    expect(treeTexts(dir)).toEqual(treeTexts(examplesRepo()));
  });

  test.each([
    [['--format', 'xml'], /--format xml: expected one of diff, json, sarif, rdjson, github, markdown/],
    [['--interactive', '--write'], /--interactive and --write cannot be used together/],
    [['--interactive', '--format', 'json'], /--interactive and --format cannot be used together/],
    [['--output-dir', 'x', '--write'], /--output-dir and --write cannot be used together/],
  ])('%j is a usage error', async (flags, message) => {
    const r = await runCli(['run', '--all', ...flags, '.'], tmpTree({}), {}, builtinCodemods);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
