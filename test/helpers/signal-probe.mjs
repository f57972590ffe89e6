// Loaded with `node --import`: says on stderr when the CLI starts to load src/cli/main.js
// (the bulk of gocodemod, 100-400 ms of loading), so a test can send a signal right then.
import { register } from 'node:module';

const hooks = `
import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.endsWith('/cli/main.js')) writeSync(2, 'probe: loading main.js\\n');
  return r;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
