/**
 * src/run/pool.ts on its own, with tiny worker scripts: tasks wait for a ready worker, the
 * caller can take them back while none is, and a worker that cannot start costs one task per
 * death and is not started again once nothing waits.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkerPool } from '../src/run/pool.js';

const dir = mkdtempSync(join(tmpdir(), 'gocodemod-pool-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function script(name: string, source: string): URL {
  const file = join(dir, name);
  writeFileSync(file, source);
  return pathToFileURL(file);
}

const ECHO = script(
  'echo.mjs',
  `import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ ready: true });
parentPort.on('message', (task) => parentPort.postMessage({ ok: true, result: task * 2 }));
`,
);
const SLOW_TO_START = script(
  'slow.mjs',
  `import { parentPort } from 'node:worker_threads';
await new Promise((resolve) => setTimeout(resolve, 300));
parentPort.postMessage({ ready: true });
parentPort.on('message', (task) => parentPort.postMessage({ ok: true, result: task * 2 }));
`,
);
const DIES_AS_IT_LOADS = script('dies.mjs', `process.exit(3);\n`);

const opts = { max: 2, growAfterMs: 1e9, msPerWeight: 0 };

test('tasks run on a ready worker; once one is ready, none is taken back', async () => {
  const pool = new WorkerPool<number, number>(ECHO, undefined, opts);
  try {
    expect(await Promise.all([pool.run(1, 1), pool.run(2, 1)])).toEqual([2, 4]);
    const third = pool.run(3, 1);
    expect(pool.takeQueued(Infinity)).toBeUndefined();
    expect(await third).toBe(6);
    expect(pool.started).toBe(1);
  } finally {
    await pool.close();
  }
});

test('while no worker is ready, the caller can take back waiting tasks that weigh at most what it asks', async () => {
  const pool = new WorkerPool<number, number>(SLOW_TO_START, undefined, opts);
  try {
    const result = pool.run(5, 10);
    expect(pool.started).toBe(1);
    expect(pool.takeQueued(9)).toBeUndefined(); // heavier than asked: left to the worker
    const job = pool.takeQueued(10);
    expect(job?.task).toBe(5);
    job!.resolve(50);
    expect(await result).toBe(50);
    // Once a worker is ready, tasks are its own.
    expect(await pool.run(6, 1)).toBe(12);
    const later = pool.run(7, 1);
    expect(pool.takeQueued(Infinity)).toBeUndefined();
    expect(await later).toBe(14);
  } finally {
    await pool.close();
  }
});

test('a worker that dies as it loads fails one waiting task per death, and is not started again once nothing waits', async () => {
  const pool = new WorkerPool<number, number>(DIES_AS_IT_LOADS, undefined, opts);
  try {
    const results = await Promise.allSettled([pool.run(1, 1), pool.run(2, 1)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/worker exited with code 3/);
    const started = pool.started;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pool.started).toBe(started); // no worker started for nothing
    expect(started).toBe(2);
    // Work that comes later starts a worker again (and fails the same way).
    await expect(pool.run(3, 1)).rejects.toThrow(/worker exited with code 3/);
  } finally {
    await pool.close();
  }
});
