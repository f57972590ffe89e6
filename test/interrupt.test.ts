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
