/** src/engine/gofmt.ts: real gofmt (WASM), kept from growing without bound over a long run. */
import { loadGofmt, MAX_HEAP } from '../src/engine/gofmt.js';

test('a long run of formats keeps the WASM heap under its cap, and every result stays right', async () => {
  const gofmt = await loadGofmt();
  // ~200 KB of Go, badly formatted: each format allocates a few MB that the module never frees.
  const funcs = Array.from({ length: 2500 }, (_, i) => `func f${i}(a ,b int)int{ return a+b*${i} }`);
  const source = `package p\n\n${funcs.join('\n\n')}\n`;
  const want = `package p\n\n${funcs.map((_, i) => `func f${i}(a, b int) int { return a + b*${i} }`).join('\n\n')}\n`;
  let peak = 0;
  for (let i = 0; i < 30; i++) {
    const r = gofmt.format(source);
    expect(r).toEqual({ ok: true, text: want });
    peak = Math.max(peak, gofmt.heapBytes());
  }
  expect(peak).toBeGreaterThan(0);
  expect(peak).toBeLessThanOrEqual(MAX_HEAP);
});

test('each instance dropped past the cap is reported with the size of its memory (the GC pacer counts it)', async () => {
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const { dirname, join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const { createGofmt } = await import('../src/engine/gofmt-wasm.js');
  const dir = dirname(createRequire(import.meta.url).resolve('@wasm-fmt/gofmt'));
  const module = new WebAssembly.Module(readFileSync(join(dir, 'gofmt.wasm')));
  const { format } = await import(pathToFileURL(join(dir, 'gofmt_binding.js')).href);
  const drops: number[] = [];
  const gofmt = createGofmt(module, format, (bytes) => drops.push(bytes));
  const source = `package p\n\n${Array.from({ length: 2500 }, (_, i) => `func f${i}(a ,b int)int{ return a+b*${i} }`).join('\n\n')}\n`;
  for (let i = 0; i < 30; i++) gofmt.format(source);
  expect(drops.length).toBeGreaterThan(0);
  for (const bytes of drops) expect(bytes).toBeGreaterThan(MAX_HEAP);
});
