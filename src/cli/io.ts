/** What the command line reads and writes: the process's streams, or a test's strings; and its exit codes. */
import type { Colors } from '../output/printers.js';

/** Key presses for --interactive: a terminal's stdin (tty.ReadStream has all of this). */
export interface KeyInput {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeListener(event: 'data' | 'end', listener: (...args: never[]) => void): unknown;
  setRawMode?(mode: boolean): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface CliIO {
  cwd: string;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  /** For --interactive: keys are read from it (in raw mode when it can). */
  stdin?: KeyInput;
  stdinIsTTY?: boolean;
  /** Aborted on SIGINT / SIGTERM: the run stops between files and main returns 130. */
  signal?: AbortSignal;
  /**
   * Resolves once what was written to stdout so far is out, or has failed: the summary waits
   * for it, so that `gocodemod run | head` ends before the summary (see src/cli/bin.ts).
   */
  stdoutFlushed?: () => Promise<void>;
}

export const EXIT_OK = 0;
/** `run --check`: changes pending; `test`: a case fails; `query`: nothing matched. */
export const EXIT_PENDING = 1;
export const EXIT_ERROR = 2;
export const EXIT_INTERRUPTED = 130;

/** Colour when asked (--color / --no-color); else on a terminal, unless NO_COLOR is set. */
export function colorsFor(explicit: boolean | undefined, env: CliIO['env'], isTTY: boolean | undefined): Colors {
  if (explicit !== undefined) return { enabled: explicit };
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { enabled: false };
  return { enabled: Boolean(isTTY) };
}
