/**
 * examples/ keeps building, vetting and passing its tests after each codemod's --write, and
 * after a whole migration preset, in every module of its go.work, in workspace mode and alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { haveGo } from './helpers/go-tool.js';
import { cleanupTmpTrees, copyExamples, tmpTree } from './helpers/tmp-tree.js';

const examples = join(import.meta.dirname, '..', 'examples');
afterAll(cleanupTmpTrees);

function goTest(moduleDir: string, env: Record<string, string> = {}) {
  const r = spawnSync('sh', ['-c', 'go build ./... && go vet ./... && go test -count=1 ./...'], {
    cwd: moduleDir,
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local', GOPROXY: 'off', ...env },
  });
  return { status: r.status, out: r.status ? r.stdout + r.stderr : '' };
}

const goOk = haveGo();
(goOk ? test.each : test.skip.each)([
  [['--all'], ['inventory', 'legacy', 'modern']],
  [['sliceheader-to-unsafe-slice'], ['modern']],
  [['unsafe-slice-to-sliceheader'], ['modern']],
  [['inline-generic-constraints'], ['inventory']],
  // The rules of examples/rules (ioutil, sort, strings, errors migrations), all at once.
  [['--rules', 'examples/rules'], ['inventory', 'legacy', 'modern']],
])('go build, vet and test pass after run %j --write', async (codemods, modules) => {
  const dir = tmpTree({});
  cpSync(examples, join(dir, 'examples'), { recursive: true });
  const r = await runCli(['run', ...codemods, '--write', 'examples/...'], dir);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/[1-9]\d* changed/); // it did something
  for (const m of modules) expect({ m, ...goTest(join(dir, 'examples', m)) }).toEqual({ m, status: 0, out: '' });
});

/** The modules of a go.work: its `use` directories. */
function workspaceModules(goWork: string): string[] {
  const text = readFileSync(goWork, 'utf8');
  const block = /^use \(([^)]*)\)/m.exec(text)?.[1] ?? '';
  const lines = [...block.split('\n'), ...[...text.matchAll(/^use ([^(\s]\S*)$/gm)].map((m) => m[1])];
  return lines.map((l) => l.trim().replace(/^\.\//, '')).filter(Boolean);
}

const goLine = (file: string) => /^go (\S+)$/m.exec(readFileSync(file, 'utf8'))?.[1];

(goOk ? test.each : test.skip.each)([
  ['go1.22', '1.22', '1.23'],
  ['go1.26', '1.26', '1.26'],
])('--preset %s --write: one run migrates examples/, and every module builds, vets and passes its tests', async (preset, to, work) => {
  const dir = copyExamples();
  const examplesDir = join(dir, 'examples');
  const modules = workspaceModules(join(examplesDir, 'go.work'));
  expect(modules).toEqual(['inventory', 'legacy', 'modern']);
  const before = new Map(modules.map((m) => [m, goLine(join(examplesDir, m, 'go.mod'))!]));

  const r = await runCli(['run', '--preset', preset, '--write', 'examples/...'], dir);
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(/conflict|error/);
  // Each codemod of the preset did its part of the job (examples/README.md says where).
  const changes = /changes: (.*)\n/.exec(r.stderr)![1].split(', ').map((c) => c.split(' ')[0]).sort();
  expect(changes).toEqual(['go-directive-bump', 'interface-to-any', 'loopvar-copy', 'obsolete-go-build', 'plusbuild', 'rangeint', 'sliceheader-to-unsafe-slice']);
  // Every go line is at the preset's version, or was newer and stayed.
  for (const m of modules) {
    const was = before.get(m)!;
    expect({ m, go: goLine(join(examplesDir, m, 'go.mod')) }).toEqual({ m, go: Number(was.split('.')[1]) > Number(to.split('.')[1]) ? was : to });
  }
  expect(goLine(join(examplesDir, 'go.work'))).toBe(work);
  // The migration is complete: a second run finds nothing left to do.
  expect(await runCli(['run', '--preset', preset, 'examples/...'], dir)).toMatchObject({ code: 0, stdout: '' });

  for (const m of modules) {
    expect({ m, ...goTest(join(examplesDir, m)) }).toEqual({ m, status: 0, out: '' });
    expect({ m, alone: true, ...goTest(join(examplesDir, m), { GOWORK: 'off' }) }).toEqual({ m, alone: true, status: 0, out: '' });
  }
});
