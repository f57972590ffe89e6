#!/usr/bin/env node
// SIGINT / SIGTERM stop the run between two files (writes are synchronous, so a handler
// never runs in the middle of one); a second signal exits at once, which is just as safe.
// Either way the exit code is 130.
//
// The handlers come first, before gocodemod itself is loaded: imports are evaluated before
// a module's body, and loading the CLI takes 100-400 ms, during which a signal would find
// no handler and kill the process (exit status 143 for SIGTERM). Only a signal that
// arrives before this line runs (Node's own start-up) still does.
const EXIT_INTERRUPTED = 130;
const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
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

/** Resolves once everything written to the stream so far has been handed to the OS. */
const drained = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

let code: number;
try {
  const { main } = await import('./main.js');
  code = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY,
    stdin: process.stdin,
    stdinIsTTY: process.stdin.isTTY,
    stderrIsTTY: process.stderr.isTTY,
    signal: controller.signal,
    stdoutFlushed: () => drained(process.stdout),
  });
} catch (err) {
  process.stderr.write(`gocodemod: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  code = 2;
}
// Exit explicitly once the output is out. Letting the event loop run dry instead closes the
// signal handlers first, and a signal arriving in that window (a second SIGTERM sent while
// the first one's run wound down) killed the process: 143 instead of 130. process.exit keeps
// them installed to the end.
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
