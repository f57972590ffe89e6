/** gofmt (src/engine/gofmt-wasm.ts) as the page loads it: gofmt.wasm fetched from beside the page. */
import { format } from '@wasm-fmt/gofmt/gofmt_binding.js';
import { createGofmt, type Gofmt, type GofmtBinding } from '../../engine/gofmt-wasm.js';
import { fetchBytes } from './go-parser.js';

export async function loadGofmt(): Promise<Gofmt> {
  const module = await WebAssembly.compile(await fetchBytes('gofmt.wasm'));
  return createGofmt(module, format satisfies GofmtBinding);
}
