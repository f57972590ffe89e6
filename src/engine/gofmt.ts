/**
 * gofmt (src/engine/gofmt-wasm.ts) as Node.js threads load it: gofmt.wasm and its binding
 * read from the installed @wasm-fmt/gofmt, compiled once per thread.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGofmt, type Gofmt, type GofmtBinding } from './gofmt-wasm.js';

export { MAX_HEAP, packageClauseProblem, type Gofmt, type GofmtResult } from './gofmt-wasm.js';

let loaded: Promise<Gofmt> | undefined;

function packageDir(): string {
  // The package's exports map hides its files; resolve its entry and take the directory.
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('@wasm-fmt/gofmt'));
  } catch {
    return dirname(fileURLToPath(import.meta.resolve('@wasm-fmt/gofmt')));
  }
}

/** The gofmt of this thread. `onDrop` (see createGofmt): the first caller's is the thread's. */
export function loadGofmt(onDrop?: (bytes: number) => void): Promise<Gofmt> {
  loaded ??= (async () => {
    const dir = packageDir();
    const module = new WebAssembly.Module(readFileSync(join(dir, 'gofmt.wasm')));
    const { format } = (await import(pathToFileURL(join(dir, 'gofmt_binding.js')).href)) as { format: GofmtBinding };
    return createGofmt(module, format, onDrop);
  })();
  return loaded;
}
