/**
 * Calling a codemod's `run`, so that nothing it does can end a run or make the outcome depend
 * on timing: what it throws (any value, even one that cannot be printed) is described, and
 * asynchronous work it starts is an error of the call and is cancelled before it can run.
 *
 * `run` is synchronous by contract. A promise it returns (an `async run`), or a timer, tick,
 * microtask or promise it leaves behind, would otherwise settle later, outside the call:
 * in the main thread an unhandled rejection or a throw from a timer ends the process, and in
 * a worker it kills whichever task the worker runs at that moment. So the work is detected
 * while `run` executes (an async_hooks `init` hook, enabled only around the call, about
 * 2 µs per call) and neutralised when it returns: timers and immediates are cleared, ticks
 * and microtasks get a no-op in place of their callback, and promises get a rejection
 * handler. The same rule holds in every thread, so the result is the same for every -j.
 */
import { createHook } from 'node:async_hooks';
import { inspect } from 'node:util';
import { describeCrash, type CodemodCrash } from './crash.js';

export type CallResult = { ok: true } | { ok: false; message: string; threw: false } | { ok: false; message: string; threw: true; thrown: unknown };

interface Started {
  type: string;
  resource: unknown;
}

let started: Started[] | undefined;
const hook = createHook({
  init(_id, type, _trigger, resource) {
    started?.push({ type, resource });
  },
});

const noop = () => {};

/** Calls `run`; `name` is the codemod's, for messages. */
export function callCodemod(name: string, run: () => unknown): CallResult {
  const outer = started;
  const mine: Started[] = [];
  started = mine;
  hook.enable();
  let returned: unknown;
  let thrown: { value: unknown } | undefined;
  try {
    returned = run();
  } catch (e) {
    thrown = { value: e };
  } finally {
    started = outer;
    if (!outer) hook.disable();
  }
  const kinds = cancel(mine);
  if (thrown) return { ok: false, message: `codemod ${name} crashed: ${describeThrown(thrown.value)}`, threw: true, thrown: thrown.value };
  if (isThenable(returned)) {
    swallow(returned);
    return { ok: false, message: `codemod ${name} returned a promise: run must be synchronous (is it an async function?); its result was ignored`, threw: false };
  }
  if (kinds.length) {
    return { ok: false, message: `codemod ${name} started asynchronous work (${kinds.join(', ')}): run must be synchronous; the work was cancelled`, threw: false };
  }
  return { ok: true };
}

/** Cancels what `run` started; returns its kinds, named as the user wrote them. */
function cancel(list: readonly Started[]): string[] {
  const kinds = new Set<string>();
  for (const { type, resource } of list) {
    const r = resource as Record<string, unknown>;
    switch (type) {
      case 'Timeout':
        clearTimeout(resource as NodeJS.Timeout);
        kinds.add('a timer');
        break;
      case 'Immediate':
        clearImmediate(resource as NodeJS.Immediate);
        kinds.add('setImmediate');
        break;
      case 'TickObject':
        r.callback = noop;
        kinds.add('process.nextTick');
        break;
      case 'Microtask':
        r.callback = noop;
        kinds.add('queueMicrotask');
        break;
      case 'PROMISE':
        swallow(resource);
        kinds.add('a promise');
        break;
      default:
        // I/O (fs, net, child processes): it cannot be recalled, and its callback may still
        // run; it is reported all the same.
        kinds.add(type);
    }
  }
  return [...kinds];
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  try {
    return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}

function swallow(p: unknown) {
  try {
    if (p instanceof Promise) p.then(undefined, noop);
    else if (isThenable(p)) p.then(undefined, noop);
  } catch {
    /* a thenable whose then throws: nothing was scheduled */
  }
}

/** The crash report of a thrown value (src/engine/crash.ts), or none when even that cannot read it. */
export function crashOf(thrown: unknown): CodemodCrash | undefined {
  try {
    const crash = describeCrash(thrown);
    // A thrown value that is not an Error has no stack: say what it is (`[Object: null prototype] {}`).
    return crash.frames.length === 0 && !(thrown instanceof Error) ? { ...crash, error: describeThrown(thrown) } : crash;
  } catch {
    return undefined; // an Error whose name, message or stack throws when read
  }
}

/**
 * A thrown value as a message: an Error's message, another value as util.inspect prints it;
 * never throws itself (a getter that throws, an object without a prototype).
 */
export function describeThrown(e: unknown): string {
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
    return inspect(e, { depth: 2, breakLength: Infinity, getters: false, customInspect: false });
  } catch {
    return 'a value that cannot be printed';
  }
}
