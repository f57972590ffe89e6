/**
 * What a codemod's crash says to its author: the error, and the stack from where it was
 * thrown up to the codemod's entry, each frame mapped to the author's source (the .ts file of
 * a `--codemod` bundle, a built-in's codemods/<name>/index.ts) where a source map says where.
 *
 * Frames of the engine above the codemod (a ctx method that threw) are dropped, and frames
 * below it (the engine, the runner, the worker) are cut: they are the same
 * for every crash, differ between a worker thread and an in-process run, and say nothing to
 * the author. The result is plain data (it crosses threads and is cached), and the same
 * whatever the number of jobs.
 */
import { dirname, join, sep } from 'node:path';
import { packageRoot } from '../package-root.js';
import { mappedSources, modulePath, originalPosition, sourceIsAvailable } from '../registry/source-map.js';

export interface CrashFrame {
  /** The function, as V8 names it (`run`, `Object.run`, `async helper`); absent for anonymous code. */
  fn?: string;
  /** Absolute path of the file (the author's source where mapped), with 1-based line and UTF-16 column. */
  file?: string;
  line?: number;
  column?: number;
  /** A frame that names no file position (`<anonymous>`, `native`): V8's text after `at `. */
  raw?: string;
}

export interface CodemodCrash {
  /** `TypeError: Cannot read properties of null (reading 'foo')`; for a thrown non-Error, its text. */
  error: string;
  /** Innermost first. */
  frames: CrashFrame[];
}

/** Enough to find the codemod's own code in any real stack; a runaway recursion is cut here. */
const MAX_FRAMES = 12;

// V8 keeps 10 frames by default: a crash deep in the toolkit or a library would lose the
// codemod's own frames below them. Raised, not lowered, for the threads that run codemods.
Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 30);

/**
 * `thrown` as an author reads it. `within`: keep only the frames of this module (a file URL or
 * path) and of the sources its map names, for errors whose callers are a module loader
 * rather than the engine. (The sources too: a host with its own source-map support, as Jest,
 * hands over frames that are mapped already.)
 */
export function describeCrash(thrown: unknown, within?: string): CodemodCrash {
  const keep = within === undefined ? undefined : new Set([modulePath(within), ...mappedSources(within).map((s) => s.path)]);
  // Duck-typed: an Error of another realm (a vm context, a test runner's) is an Error too.
  const isError = thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && typeof (thrown as Error).stack === 'string');
  if (!isError) return { error: safeString(thrown), frames: [] };
  const { name = 'Error', message } = thrown as Error;
  const error = message ? `${name}: ${message}` : name;
  const frames: CrashFrame[] = [];
  for (const line of String((thrown as Error).stack ?? '').split('\n')) {
    const frame = parseFrame(line);
    if (!frame) continue;
    if (frame.file && isEngineInternal(frame.file)) {
      // Thrown by the engine (ctx.matches with no query): the codemod's call is below it.
      if (frames.length === 0) continue;
      break;
    }
    // Node's own internals (module loading, timers) say nothing about the codemod.
    if (frame.file?.startsWith('node:')) continue;
    if (keep && (!frame.file || !keep.has(modulePath(frame.file)))) continue;
    frames.push(mapFrame(frame));
    if (frames.length === MAX_FRAMES) break;
  }
  return { error, frames };
}

function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** `    at fn (file:line:col)`, `    at file:line:col`, `    at fn (native)`; undefined for other lines. */
function parseFrame(line: string): CrashFrame | undefined {
  const m = /^\s+at (.*)$/.exec(line);
  if (!m) return undefined;
  const body = m[1];
  const withFn = /^(.*?) \((.*)\)$/.exec(body);
  const fn = withFn ? withFn[1] : undefined;
  const where = withFn ? withFn[2] : body;
  const pos = /^(.*):(\d+):(\d+)$/.exec(where);
  if (!pos || where.startsWith('eval at ')) return fn ? { fn, raw: where } : { raw: where };
  const frame: CrashFrame = { file: pos[1], line: Number(pos[2]), column: Number(pos[3]) };
  if (fn) frame.fn = fn;
  return frame;
}

function mapFrame(frame: CrashFrame): CrashFrame {
  const generated = frame.file!;
  const file = modulePath(generated);
  const mapped = originalPosition(generated, frame.line!, frame.column!);
  // gocodemod's own dist/ maps to src/*.ts, which an installed package does not ship.
  if (mapped && sourceIsAvailable(mapped.file, generated)) return { ...frame, ...mapped };
  return { ...frame, file };
}

let internalDirs: string[] | undefined;

/**
 * gocodemod's engine, runner, CLI and fixture runner (compiled or not): where a codemod was
 * called from. The toolkit (src/go) is not internal: a codemod that passes it bad input
 * should see the toolkit frame and, below it, its own call.
 */
function isEngineInternal(fileOrUrl: string): boolean {
  internalDirs ??= ['engine', 'run', 'cli', 'testing', 'registry'].flatMap((d) => [
    join(packageRoot(), 'src', d) + sep,
    join(packageRoot(), 'dist', 'src', d) + sep,
  ]);
  if (!(fileOrUrl.startsWith('file:') || fileOrUrl.startsWith('/') || /^[A-Za-z]:\\/.test(fileOrUrl))) return false;
  const file = modulePath(fileOrUrl);
  return internalDirs.some((d) => dirname(file) + sep === d || file.startsWith(d));
}
