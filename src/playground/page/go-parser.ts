/**
 * The toolkit's `loadGoParser` as the playground page has it (the bundle puts this module in
 * place of src/go/parser.ts, see src/playground/build-site.ts): web-tree-sitter's runtime and
 * our Go grammar fetched from beside the page, once.
 */
import { createGoParser, type GoParser } from '../../go/parser-from-bytes.js';

export type { GoParser } from '../../go/parser-from-bytes.js';

let ready: Promise<GoParser> | undefined;

/** A file of the site, beside the page. */
export function siteUrl(name: string): string {
  return new URL(name, document.baseURI).href;
}

export async function fetchBytes(name: string): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(siteUrl(name));
  if (!response.ok) throw new Error(`cannot load ${name}: ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

export function loadGoParser(): Promise<GoParser> {
  ready ??= (async () => createGoParser(await fetchBytes('tree-sitter-go.wasm'), { locateFile: (name: string) => siteUrl(name) }))();
  return ready;
}
