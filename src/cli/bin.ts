#!/usr/bin/env node
import { main } from './main.js';

// SIGINT / SIGTERM stop the run between two files (writes are synchronous, so a handler
// never runs in the middle of one); a second signal exits at once, which is just as safe.
const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
}

// `gocodemod run ... | head`: the reader is gone. Stop, as a process killed by SIGPIPE would
// (128 + 13), without a stack trace. This runs from the event loop, never inside a file's
// write (writes are synchronous), so under --write every file is old or new, as for SIGINT.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(141);
    throw err;
  });
}

main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY,
  stdin: process.stdin,
  stdinIsTTY: process.stdin.isTTY,
  stderrIsTTY: process.stderr.isTTY,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`gocodemod: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
