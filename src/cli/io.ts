import type { Colors } from '../output/printers.js';

/** What a command gets of the process (main passes it in; tests pass their own), and its exit codes. */
export interface CliIO {
  cwd: string;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  /** Aborted on SIGINT / SIGTERM: the run stops between files and main returns 130. */
  signal?: AbortSignal;
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
