/**
 * SIGINT / SIGTERM during --write, on a real process: files already written are complete,
 * the one in flight is old or new, no temporary file is left, and the exit code is 130.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';
import { cleanupTmpTrees, tmpTree } from './helpers/tmp-tree.js';

afterAll(cleanupTmpTrees);

const DIRS = 300;

function bigTree(): string {
  // Many packages, each big enough to take a few milliseconds, so the signal lands mid-run.
  const body = Array.from({ length: 1500 }, (_, i) => `var v${i} interface{}\n`).join('');
  const files: Record<string, string> = { 'go.mod': 'module m\n\ngo 1.22\n' };
  for (let d = 0; d < DIRS; d++) files[`p${String(d).padStart(3, '0')}/a.go`] = `package p${d}\n\n${body}`;
  return tmpTree(files);
}

test.each(['SIGINT', 'SIGTERM'] as const)('%s during --write loses nothing', async (signal) => {
  const dir = bigTree();
  const original = (d: number) => readFileSync(join(dir, `p${String(d).padStart(3, '0')}/a.go`), 'utf8');
  const before = Array.from({ length: DIRS }, (_, d) => original(d));
  const child = spawn(process.execPath, [join(packageRoot(), 'dist/src/cli/bin.js'), 'run', 'interface-to-any', '--write', '--no-cache', '-j', '1', '.'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Wait for the first written file, then interrupt.
  for (let i = 0; i < 2000; i++) {
    if (original(0) !== before[0]) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill(signal);
  const code = await exited;
  expect({ code, stderr: code === 130 ? '' : stderr }).toEqual({ code: 130, stderr: '' });

  let written = 0;
  for (let d = 0; d < DIRS; d++) {
    const now = original(d);
    const expected = before[d].replaceAll('interface{}', 'any');
    expect([before[d], expected]).toContain(now); // old or new, never a mix
    if (now === expected) written++;
  }
  expect(written).toBeGreaterThan(0);
  expect(written).toBeLessThan(DIRS); // it really stopped
  const leftovers = readdirSync(dir, { recursive: true }).filter((n) => String(n).includes('.gocodemod-'));
  expect(leftovers).toEqual([]);
});

/** Spawns the CLI; resolves with its exit (code, or the signal that killed it) and its stderr. */
function cli(dir: string, args: string[], nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(packageRoot(), 'dist/src/cli/bin.js'), ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  // Never hang the test run: a process that outlives its bound is killed, and the test fails.
  const bound = setTimeout(() => child.kill('SIGKILL'), 30_000);
  exited.then(() => clearTimeout(bound));
  const stderrHas = async (text: string) => {
    for (let i = 0; i < 6000 && !stderr.includes(text); i++) await new Promise((r) => setTimeout(r, 5));
  };
  return { child, exited, stderr: () => stderr, stderrHas };
}

test('with -j 1, a second SIGINT ends a run stuck in a codemod at once, with 130', async () => {
  const dir = tmpTree({
    'go.mod': 'module m\n\ngo 1.22\n',
    'a/a.go': 'package a\n\nvar X interface{}\n',
    'b/b.go': 'package b\n\nvar Y interface{}\n',
    // A codemod in an endless loop on b/b.go; it says when it is in it.
    'loop.ts': `import { writeSync } from 'node:fs';
import { defineCodemod } from 'gocodemod';
export default defineCodemod({ name: 'loop', description: 'never returns on b/b.go', run(ctx) {
  if (ctx.file.path !== 'b/b.go') return;
  writeSync(2, 'looping\\n');
  for (;;) {}
} });
`,
  });
  const r = cli(dir, ['run', 'interface-to-any', '--codemod', 'loop.ts', '--write', '--no-cache', '-j', '1', '.']);
  await r.stderrHas('looping');
  r.child.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 50));
  r.child.kill('SIGINT');
  expect(await r.exited).toBe(130);
  expect(readFileSync(join(dir, 'b/b.go'), 'utf8')).toBe('package b\n\nvar Y interface{}\n');
  expect(readdirSync(dir, { recursive: true }).filter((n) => String(n).includes('.gocodemod-'))).toEqual([]);
});

test('two SIGTERMs while gocodemod is still loading: 130, not killed by the signal (143)', async () => {
  const dir = tmpTree({ 'go.mod': 'module m\n\ngo 1.22\n', 'a.go': 'package m\n\nvar X interface{}\n' });
  const probe = join(packageRoot(), 'test/helpers/signal-probe.mjs');
  for (let i = 0; i < 3; i++) {
    const r = cli(dir, ['run', 'interface-to-any', '--no-cache', '.'], ['--import', probe]);
    await r.stderrHas('probe: loading main.js');
    r.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 5));
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(130);
  }
});
