/**
 * Calling a codemod's `run`, so that nothing it does can end a run or make the outcome depend
 * on timing: what it throws (any value, even one that cannot be printed) is described, and
 * asynchronous work it starts is an error of the call and is cancelled before it can run.
 *
 * `run` is synchronous by contract. A promise it returns (an `async run`), or a timer, tick,
 * microtask or promise it leaves behind, would otherwise settle later, outside the call:
 * in the main thread an unhandled rejection or a throw from a timer ends the process, and in
 * a worker it kills whichever task the worker runs at that moment. What a platform can see
 * of that work differs (Node's async_hooks see every timer, tick and promise; a browser
 * has nothing like them), so the platform hands the engine a `CodemodGuard`: Node's is
 * src/engine/node-guard.ts; `portableGuard` below is for hosts without one (the playground
 * page). This module itself imports nothing of any platform: the engine runs in a browser.
 */
import type { CodemodCrash } from './crash.js';

export type CallResult = { ok: true } | { ok: false; message: string; threw: false } | { ok: false; message: string; threw: true; thrown: unknown };

/** What the engine needs of its platform to call codemods safely. */
export interface CodemodGuard {
  /**
   * Starts noting the asynchronous work that code run from now on starts; the function it
   * returns stops noting, cancels that work, and names its kinds as the user wrote them
   * (`a timer`, `a promise`, ...). Calls nest.
   */
  watch(): () => string[];
  /** A thrown value that is not an Error, as text (never throws). */
  inspect(value: unknown): string;
  /** What a thrown value says to the codemod's author: its error and stack. May throw. */
  describeCrash(thrown: unknown): CodemodCrash;
}

/** Calls `run` under `guard`; `name` is the codemod's, for messages. */
export function callCodemod(guard: CodemodGuard, name: string, run: () => unknown): CallResult {
  const stop = guard.watch();
  let returned: unknown;
  let thrown: { value: unknown } | undefined;
  let kinds: string[];
  try {
    returned = run();
  } catch (e) {
    thrown = { value: e };
  } finally {
    kinds = stop();
  }
  if (thrown) return { ok: false, message: `codemod ${name} crashed: ${describeThrown(guard, thrown.value)}`, threw: true, thrown: thrown.value };
  if (isThenable(returned)) {
    swallow(returned);
    return { ok: false, message: `codemod ${name} returned a promise: run must be synchronous (is it an async function?); its result was ignored`, threw: false };
  }
  if (kinds.length) {
    return { ok: false, message: `codemod ${name} started asynchronous work (${kinds.join(', ')}): run must be synchronous; the work was cancelled`, threw: false };
  }
  return { ok: true };
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  try {
    return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}

const noop = () => {};

/** Gives a promise (or thenable) a rejection handler, so that its rejection ends nothing. */
export function swallow(p: unknown) {
  try {
    if (p instanceof Promise) p.then(undefined, noop);
    else if (isThenable(p)) p.then(undefined, noop);
  } catch {
    /* a thenable whose then throws: nothing was scheduled */
  }
}

/** The crash report of a thrown value, or none when even that cannot read it. */
export function crashOf(guard: CodemodGuard, thrown: unknown): CodemodCrash | undefined {
  try {
    const crash = guard.describeCrash(thrown);
    // A thrown value that is not an Error has no stack: say what it is (`[Object: null prototype] {}`).
    return crash.frames.length === 0 && !(thrown instanceof Error) ? { ...crash, error: describeThrown(guard, thrown) } : crash;
  } catch {
    return undefined; // an Error whose name, message or stack throws when read
  }
}

/**
 * A thrown value as a message: an Error's message, another value as the guard prints it;
 * never throws itself (a getter that throws, an object without a prototype).
 */
export function describeThrown(guard: CodemodGuard, e: unknown): string {
  try {
    if (e instanceof Error) {
      const message: unknown = e.message;
      if (typeof message === 'string' && message !== '') return message;
      return `${e.name || 'Error'} without a message`;
    }
  } catch {
    return 'an Error whose message cannot be read';
  }
  try {
    if (typeof e === 'string') return e;
    return guard.inspect(e);
  } catch {
    return 'a value that cannot be printed';
  }
}

/**
 * The guard of a host that cannot see asynchronous work (a browser): a thrown value and a
 * returned promise are caught as everywhere; a timer or promise left behind is not noticed.
 * Crashes carry the error without a stack (no source maps to read it with).
 */
export const portableGuard: CodemodGuard = {
  watch: () => () => [],
  inspect(value) {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  },
  describeCrash(thrown) {
    const isError = thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && typeof (thrown as Error).stack === 'string');
    if (!isError) return { error: String(thrown), frames: [] };
    const { name = 'Error', message } = thrown as Error;
    return { error: message ? `${name}: ${message}` : name, frames: [] };
  },
};
