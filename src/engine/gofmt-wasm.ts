/**
 * gofmt, the real one: go/format compiled to WASM (@wasm-fmt/gofmt). Used to keep files that
 * were gofmt-clean gofmt-clean after edits (re-aligning columns an edit moved), and as a
 * second, exact Go parser over every result.
 *
 * The package's default entry keeps one instance for the process; a WASM trap (deep
 * nesting overflows its stack at ~90 levels) kills an instance for good, so we instantiate
 * the module ourselves and replace a trapped instance with a fresh one.
 *
 * This module takes the compiled module and the package's binding as values and imports
 * nothing of any platform: Node reads them from the installed package (src/engine/gofmt.ts),
 * the playground page fetches them.
 */
import { packageClauseOffset } from '../go/header.js';
import { utf8Length } from '../go/position.js';

/** The format function of @wasm-fmt/gofmt's gofmt_binding.js. */
export type GofmtBinding = (wasm: WebAssembly.Exports, source: string) => string;

/** Above this, an instance is replaced before the next format (see `format`). */
export const MAX_HEAP = 8 * 1024 * 1024;

export type GofmtResult = { ok: true; text: string } | { ok: false; error: string };

export interface Gofmt {
  format(source: string): GofmtResult;
  /** Bytes of WASM memory the current instance holds (0 before the first format). */
  heapBytes(): number;
}

/**
 * gofmt over a compiled gofmt.wasm and its binding; instances are made as needed.
 * `onDrop`: told the size of each instance's memory as the instance is dropped, which is
 * garbage from then on, yet held until V8 collects it (src/run/gc-pacer.ts counts it).
 */
export function createGofmt(module: WebAssembly.Module, binding: GofmtBinding, onDrop?: (bytes: number) => void): Gofmt {
  let current: WebAssembly.Exports | undefined;
  const instance = () => {
    if (!current) {
      const exports = new WebAssembly.Instance(module).exports;
      (exports._initialize as () => void)();
      current = exports;
    }
    return current;
  };
  return {
    heapBytes: () => (current?.memory as WebAssembly.Memory | undefined)?.buffer.byteLength ?? 0,
    format(source: string): GofmtResult {
      const notFile = packageClauseProblem(source);
      if (notFile) return { ok: false, error: notFile };
      // go/printer drops a byte order mark; keep it outside what gofmt sees.
      const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
      try {
        return { ok: true, text: bom + binding(instance(), bom ? source.slice(1) : source) };
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) {
          current = undefined; // a trapped instance is dead
          return { ok: false, error: `gofmt failed (${e.message}), e.g. nesting too deep` };
        }
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      } finally {
        // The module's heap only grows (4, 8, 16, 32 MB over six formats of net/http's
        // server.go; gigabytes over a long run), and every page it touched stays resident. A
        // fresh instance starts at 128 KB and costs 0.2 ms; the old one's memory goes with it.
        // Peak RSS of `--all` over three copies of GOROOT/src: 381 MB with a 32 MB cap, 344 MB
        // with 16, 322 MB with 8 (each of two workers holds one instance, and one dropped).
        // (Earlier, before rangeint: a 64 MB cap, six copies, 380 MB; 32 MB, 300 MB.)
        const memory = current?.memory as WebAssembly.Memory | undefined;
        if (memory && memory.buffer.byteLength > MAX_HEAP) {
          current = undefined;
          onDrop?.(memory.buffer.byteLength);
        }
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
  const column = utf8Length(before.slice(before.lastIndexOf('\n') + 1)) + 1;
  const found = at >= source.length ? 'EOF' : (word ?? source.slice(at, at + 1));
  return `${line}:${column}: expected 'package', found '${found}'`;
}
