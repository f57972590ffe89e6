/**
 * `gocodemod playground [--port N] [--open]`: serves the playground page on 127.0.0.1
 * (src/playground/server.ts) until the run is interrupted (Ctrl-C), then exits 0.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { PlaygroundArgs } from './args.js';
import { EXIT_OK, type CliIO } from './io.js';
import { UsageError } from '../registry/options.js';
import { servedFiles, startServer } from '../playground/server.js';

export async function playgroundCommand(a: PlaygroundArgs, io: CliIO): Promise<number> {
  let files: Map<string, string>;
  try {
    files = servedFiles();
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  let server;
  try {
    server = await startServer(a.port, files);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${a.port} is in use: choose another with --port N (--port 0 takes any free port)`);
    if (code === 'EACCES') throw new UsageError(`port ${a.port} needs privileges this user does not have: choose another with --port N`);
    throw e;
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  io.stdout.write(`gocodemod playground: ${url} (Ctrl-C to stop)\n`);
  if (a.open) openInBrowser(url, io);
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return EXIT_OK;
}

/** The system's way to open a URL; a failure is said, and the server keeps serving. */
function openInBrowser(url: string, io: CliIO) {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const say = (why: string) => io.stderr.write(`gocodemod: cannot open a browser (${why}): open ${url} yourself\n`);
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', (e) => say(e.message));
    child.unref();
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
  }
}
