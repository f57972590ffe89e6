/**
 * A codemod can hand the engine anything: reports of the wrong shape, thrown values that
 * cannot be printed, promises, timers. Each is an error of that codemod on that file (exit
 * 2), the rest of the run goes on, and the output is the same for every -j.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';
import { runUnit, type LoadedCodemod } from '../src/engine/engine.js';
import { loadGoParser } from '../src/go/parser.js';
import { defineCodemod, type Context } from '../src/go/codemod.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

/** Directory name -> what the codemod does on the file there, and the error it must get. */
const CASES: [string, string, RegExp][] = [
  ['c01', `ctx.report({ start: 0, end: 1, message: 'm', fixes: [{ message: 'f' }] });`, /codemod bad reported an invalid diagnostic: fixes\[0\]\.edits: expected an array of edits \{ start, end, text \}, got undefined/],
  ['c02', `ctx.report({ start: 0, end: 1, message: 'm', fixes: 'abc' });`, /codemod bad reported an invalid diagnostic: fixes: expected an array of fixes, got "abc"/],
  ['c03', `ctx.report(null);`, /codemod bad reported an invalid diagnostic: expected a report \{ start, end, message, fixes\? \}, got null/],
  ['c04', `ctx.report({ start: 0, end: 1, message: 'm', fixes: [{ message: 'f', edits: [null] }] });`, /codemod bad reported an invalid diagnostic: fixes\[0\]\.edits\[0\]: expected an edit \{ start, end, text \}, got null/],
  ['c05', `throw Object.create(null);`, /codemod bad crashed: \[Object: null prototype\] \{\}/],
  ['c06', `const e = new Error('x'); Object.defineProperty(e, 'message', { get() { throw new Error('no'); } }); throw e;`, /codemod bad crashed: an Error whose message cannot be read/],
  ['c07', `return Promise.reject(new Error('later'));`, /codemod bad returned a promise: run must be synchronous/],
  ['c08', `setTimeout(() => { throw new Error('from a timer'); }, 0);`, /codemod bad started asynchronous work \(a timer\): run must be synchronous; the work was cancelled/],
  ['c09', `Promise.reject(new Error('unobserved'));`, /codemod bad started asynchronous work \(a promise\)/],
  ['c10', `process.nextTick(() => { throw new Error('tick'); });`, /codemod bad started asynchronous work \(process\.nextTick\)/],
  ['c11', `ctx.report({ start: 'x', end: 1, message: 'm' });`, /codemod bad reported an invalid diagnostic: start: expected an offset \(a whole number >= 0\), got "x"/],
  ['c12', `ctx.report({ start: 0, end: 1, message: 'm', fixes: [{ message: 'f', edits: [{ start: 0, end: 0, text: '\\uD800' }] }] });`, /codemod bad returned an invalid fix: .*inserts a lone UTF-16 surrogate \(\\uD800 at index 0 of its text\)/],
  ['c13', `ctx.report({ start: 0, end: 1e9, message: 'm' });`, /codemod bad reported an invalid diagnostic: \[0, 1000000000\) is out of range/],
];

/** Thrown values the crash report can describe (an Error whose message throws cannot be). */
const IN_CRASH_REPORT = new Set(['c05']);

const codemodSource = `
import { defineCodemod } from 'gocodemod';
export default defineCodemod({
  name: 'bad',
  description: 'misbehaves in its own way in each directory',
  run(ctx) {
    const dir = ctx.file.path.split('/')[0];
    ${CASES.map(([dir, body]) => `if (dir === '${dir}') { ${body} }`).join('\n    ')}
  },
});
`;

function tree(): string {
  const files: Record<string, string> = { 'go.mod': 'module m\n\ngo 1.22\n', 'bad.ts': codemodSource };
  for (const [dir] of CASES) files[`${dir}/a.go`] = `package ${dir}\n\nvar X interface{}\n`;
  files['z/z.go'] = 'package z\n\nvar Y interface{}\n'; // after every bad directory
  return tmpTree(files);
}

function cli(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(packageRoot(), 'dist/src/cli/bin.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GOCODEMOD_CACHE_DIR: join(dir, '.cache') },
    timeout: 60_000,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr.replace(/\d+\.\d\ds \(/, 'T.TTs (') };
}

test.each(['1', '2'])('-j %s: every misbehaviour is an error of the codemod on its file; the run goes on (exit 2)', (jobs) => {
  const dir = tree();
  const r = cli(dir, 'run', 'interface-to-any', '--codemod', 'bad.ts', '--write', '--no-cache', '-j', jobs, '.');
  expect(r.signal).toBeNull();
  for (const [d, , re] of CASES) {
    // A crash whose value can be read is printed once per codemod and error, in the crash report.
    const crashed = /^codemod bad crashed: (.*)$/.exec(re.source);
    if (crashed && IN_CRASH_REPORT.has(d)) expect(r.stderr).toMatch(new RegExp(`^gocodemod: codemod bad crashed on 1 file \\(${d}/a\\.go\\); they are left as they were:\n +${crashed[1]}`, 'm'));
    else expect(r.stderr).toMatch(new RegExp(`^${d}/a\\.go: error: ${re.source}.* \\(bad\\)$`, 'm'));
    expect(readFileSync(join(dir, d, 'a.go'), 'utf8')).toBe(`package ${d}\n\nvar X interface{}\n`);
  }
  expect(readFileSync(join(dir, 'z/z.go'), 'utf8')).toBe('package z\n\nvar Y any\n');
  expect(r.stderr).toMatch(new RegExp(`1 changed, 0 unchanged, ${CASES.length} errors`));
  expect(r.code).toBe(2);
});

test('the output is the same for -j 1 and -j 2, and with --check it exits 2, not 1', () => {
  const dir = tree();
  const one = cli(dir, 'run', 'interface-to-any', '--codemod', 'bad.ts', '--no-cache', '-j', '1', '.');
  const two = cli(dir, 'run', 'interface-to-any', '--codemod', 'bad.ts', '--no-cache', '-j', '2', '.');
  expect(two).toEqual(one);
  expect(one.stdout).toContain('+var Y any');
  const check = cli(dir, 'run', 'interface-to-any', '--codemod', 'bad.ts', '--check', '--no-cache', '-j', '1', '.');
  expect(check.code).toBe(2);
});

test.each(['0', '3'])('a codemod module that ends its worker thread as it loads (exit %s): each file an error, the run ends (exit 2)', (code) => {
  const dir = tmpTree({
    'go.mod': 'module m\n\ngo 1.22\n',
    'a/a.go': 'package a\n\nvar X interface{}\n',
    'b/b.go': 'package b\n\nvar Y interface{}\n',
    'quits.ts': `import { isMainThread } from 'node:worker_threads';
import { defineCodemod } from 'gocodemod';
if (!isMainThread) process.exit(${code});
export default defineCodemod({ name: 'quits', description: 'never starts in a worker', run() {} });
`,
  });
  const r = cli(dir, 'run', 'interface-to-any', '--codemod', 'quits.ts', '--write', '--no-cache', '-j', '2', '.');
  expect(r.signal).toBeNull();
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`a/a\\.go: .*worker exited with code ${code}`));
  expect(r.stderr).toMatch(new RegExp(`b/b\\.go: .*worker exited with code ${code}`));
  // Nothing is written where the work did not run.
  expect(readFileSync(join(dir, 'a/a.go'), 'utf8')).toBe('package a\n\nvar X interface{}\n');
});

test("a user's codemod without needles on empty files: the workers run it, and the run ends", () => {
  // Empty files weigh nothing: the first worker must start all the same (a user's codemod
  // never runs in the main thread).
  const dir = tmpTree({
    'go.mod': 'module m\n\ngo 1.22\n',
    'a/a.go': '',
    'b/b.go': '',
    'cm.ts': `import { defineCodemod } from 'gocodemod';
export default defineCodemod({ name: 'everywhere', description: 'no needles', run(ctx) { ctx.report({ start: 0, end: 0, message: 'seen' }); } });
`,
  });
  const r = cli(dir, 'run', '--codemod', 'cm.ts', '--no-cache', '-j', '2', '.');
  expect(r.signal).toBeNull();
  expect(r.stdout + r.stderr).toMatch(/a\/a\.go:1:1: seen \(everywhere\)/);
  expect(r.stdout + r.stderr).toMatch(/b\/b\.go:1:1: seen \(everywhere\)/);
  expect(r.stderr).toMatch(/2 files scanned/);
});

describe('in the engine', () => {
  const src = 'package p\n\nvar x = 1\n';
  const runWith = async (body: (ctx: Context) => unknown) => {
    const bad = defineCodemod({ name: 'bad', description: 'test', run: body as (ctx: Context) => void });
    const codemods: LoadedCodemod[] = [{ codemod: bad, options: {} }];
    const [out] = runUnit(await loadGoParser(), codemods, [{ path: 'a.go', source: src, goVersion: '1.22', packageName: 'p' }]);
    return out;
  };

  test('a report read through a getter is read once: what the engine keeps cannot change', async () => {
    let reads = 0;
    let reported = false;
    const out = await runWith((ctx) => {
      if (reported) return; // later rounds see the result
      reported = true;
      const edit = { start: 15, end: 16, get text() {
        return reads++ === 0 ? 'y' : '\uD800';
      } };
      ctx.report({ start: 15, end: 16, message: 'm', fixes: [{ message: 'f', edits: [edit] }] });
    });
    expect(out.errors).toEqual([]);
    expect(out.output).toBe('package p\n\nvar y = 1\n');
    expect(reads).toBe(1);
  });

  test('a report whose fields throw when read is an error naming the codemod', async () => {
    const out = await runWith((ctx) => {
      ctx.report(new Proxy({}, { get() {
        throw new Error('trap');
      } }) as never);
    });
    expect(out.errors).toEqual([{ codemod: 'bad', message: 'codemod bad reported an invalid diagnostic: the report cannot be read: trap' }]);
  });

  test('an async run is an error, and its rejection never reaches the process', async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    try {
      const out = await runWith(async () => {
        throw new Error('async boom');
      });
      expect(out.errors).toEqual([{ codemod: 'bad', message: expect.stringMatching(/returned a promise/) }]);
      await new Promise((r) => setTimeout(r, 20));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  test('a timer set by run never fires', async () => {
    let fired = false;
    const out = await runWith(() => {
      setTimeout(() => (fired = true), 0);
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(false);
    expect(out.errors[0].message).toMatch(/started asynchronous work \(a timer\)/);
  });
});

