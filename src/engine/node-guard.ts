/**
 * The codemod guard of Node.js threads (src/engine/codemod-call.ts says why there is one):
 * an async_hooks `init` hook, enabled only while a codemod's `run` executes (about 2 µs per
 * call), sees every timer, immediate, tick, microtask and promise it starts; when `run`
 * returns they are neutralised: timers and immediates are cleared, ticks and microtasks get a
 * no-op in place of their callback, and promises get a rejection handler. The same rule
 * holds in every thread, so the result is the same for every -j. Thrown values are printed
 * with util.inspect, and crashes mapped to the author's source (src/engine/crash.ts).
 */
import { createHook } from 'node:async_hooks';
import { inspect } from 'node:util';
import { swallow, type CodemodGuard } from './codemod-call.js';
import { describeCrash } from './crash.js';

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

export const nodeGuard: CodemodGuard = {
  watch() {
    const outer = started;
    const mine: Started[] = [];
    started = mine;
    hook.enable();
    return () => {
      started = outer;
      if (!outer) hook.disable();
      return cancel(mine);
    };
  },
  inspect: (value) => inspect(value, { depth: 2, breakLength: Infinity, getters: false, customInspect: false }),
  describeCrash: (thrown) => describeCrash(thrown),
};

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
