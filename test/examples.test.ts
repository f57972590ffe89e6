/** examples/ keeps building, vetting and passing its tests after each codemod's --write. */
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { haveGo } from './helpers/go-tool.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

const examples = join(import.meta.dirname, '..', 'examples');
afterAll(cleanupTmpTrees);

function goTest(moduleDir: string) {
  const r = spawnSync('sh', ['-c', 'go build ./... && go vet ./... && go test -count=1 ./...'], {
    cwd: moduleDir,
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local', GOPROXY: 'off' },
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
