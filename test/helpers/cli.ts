import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

/** Tests never touch the user's cache: one private cache directory per test process. */
export const testCacheDir = mkdtempSync(join(tmpdir(), 'gocodemod-cache-'));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  cwd: string,
  opts: { env?: Record<string, string>; tty?: boolean } = {},
  codemods?: Parameters<typeof main>[2],
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    env: { GOCODEMOD_CACHE_DIR: testCacheDir, ...opts.env },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
  }, codemods);
  return { code, stdout, stderr };
}
