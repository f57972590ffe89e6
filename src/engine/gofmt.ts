/**
 * gofmt, the real one: go/format compiled to WASM (@wasm-fmt/gofmt). Used to keep files that
 * were gofmt-clean gofmt-clean after edits (re-aligning columns an edit moved), and as a
 * second, exact Go parser over every result.
 *
 * The package's default entry keeps one instance for the process; a WASM trap (deep
 * nesting overflows its stack at ~90 levels) kills an instance for good, so we instantiate
 * the module ourselves and replace a trapped instance with a fresh one.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageClauseOffset } from '../go/header.js';

type Binding = (wasm: WebAssembly.Exports, source: string) => string;

interface Formatter {
  module: WebAssembly.Module;
  binding: Binding;
  instance?: WebAssembly.Exports;
}

let loaded: Promise<Formatter> | undefined;

function packageDir(): string {
  // The package's exports map hides its files; resolve its entry and take the directory.
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('@wasm-fmt/gofmt'));
  } catch {
    return dirname(fileURLToPath(import.meta.resolve('@wasm-fmt/gofmt')));
  }
}

function load(): Promise<Formatter> {
  loaded ??= (async () => {
    const dir = packageDir();
    const module = new WebAssembly.Module(readFileSync(join(dir, 'gofmt.wasm')));
    const { format } = (await import(pathToFileURL(join(dir, 'gofmt_binding.js')).href)) as { format: Binding };
    return { module, binding: format };
  })();
  return loaded;
}

/** Above this, an instance is replaced before the next format (see `format`). */
export const MAX_HEAP = 32 * 1024 * 1024;

export type GofmtResult = { ok: true; text: string } | { ok: false; error: string };

export interface Gofmt {
  format(source: string): GofmtResult;
  /** Bytes of WASM memory the current instance holds (0 before the first format). */
  heapBytes(): number;
}

export async function loadGofmt(): Promise<Gofmt> {
  const f = await load();
  const instance = () => {
    if (!f.instance) {
      const exports = new WebAssembly.Instance(f.module).exports;
      (exports._initialize as () => void)();
      f.instance = exports;
    }
    return f.instance;
  };
  return {
    heapBytes: () => (f.instance?.memory as WebAssembly.Memory | undefined)?.buffer.byteLength ?? 0,
    format(source: string): GofmtResult {
      const notFile = packageClauseProblem(source);
      if (notFile) return { ok: false, error: notFile };
      // go/printer drops a byte order mark; keep it outside what gofmt sees.
      const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
      try {
        return { ok: true, text: bom + f.binding(instance(), bom ? source.slice(1) : source) };
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) {
          f.instance = undefined; // a trapped instance is dead
          return { ok: false, error: `gofmt failed (${e.message}), e.g. nesting too deep` };
        }
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      } finally {
        // The module's heap only grows (4, 8, 16, 32 MB over six formats of net/http's
        // server.go; gigabytes over a long run). A fresh instance starts at 128 KB and costs
        // 0.2 ms; the old one's memory goes with it. (A 64 MB cap left six copies of
        // GOROOT/src peaking at 380 MB, 32 MB at 300 MB.)
        const memory = f.instance?.memory as WebAssembly.Memory | undefined;
        if (memory && memory.buffer.byteLength > MAX_HEAP) f.instance = undefined;
      }
    },
  };
}

/**
 * go/format.Source, which the WASM module runs, also takes fragments: a source that
 * go/parser rejects in file mode with "expected 'package'" is retried as a list of
 * declarations or statements, so a file whose package clause was deleted, or an emptied
 * file, would pass. That is the only input it treats differently from a whole file (gofmt
 * on a file path passes no fragment), so a source whose first token (after comments) is not
 * the keyword `package` gets go/parser's own error, as `gofmt file.go` prints it.
 */
export function packageClauseProblem(source: string): string | undefined {
  const at = packageClauseOffset(source);
  const word = /^[\p{L}\p{N}_]+/u.exec(source.slice(at, at + 64))?.[0];
  if (word === 'package') return undefined;
  const before = source.slice(source.charCodeAt(0) === 0xfeff ? 1 : 0, at);
  const line = before.split('\n').length;
  const column = Buffer.byteLength(before.slice(before.lastIndexOf('\n') + 1), 'utf8') + 1;
  const found = at >= source.length ? 'EOF' : (word ?? source.slice(at, at + 1));
  return `${line}:${column}: expected 'package', found '${found}'`;
}
