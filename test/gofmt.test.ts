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
