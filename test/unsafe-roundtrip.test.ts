/**
 * unsafe-slice-to-sliceheader and sliceheader-to-unsafe-slice are inverses: on every fixture
 * of the first, running it and then the second gives back the original file, statement for
 * statement, with the reflect import it added removed again. Two differences are by design
 * and listed below; anything else is a failure.
 *
 * And the other way: every golden of sliceheader-to-unsafe-slice is a fixed point of the
 * round trip (what unsafe-slice-to-sliceheader turns back into headers comes back as it is).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtinCodemods } from '../src/registry/builtins.js';
import { runUnit, type UnitFile } from '../src/engine/engine.js';
import { loadGofmt } from '../src/engine/gofmt.js';
import { listImports } from '../src/go/import-specs.js';
import { loadGoParser } from '../src/go/parser.js';

const root = join(import.meta.dirname, '..');
const toHeader = builtinCodemods.find((c) => c.name === 'unsafe-slice-to-sliceheader')!;
const toSlice = builtinCodemods.find((c) => c.name === 'sliceheader-to-unsafe-slice')!;

/**
 * What does not come back byte for byte, on purpose:
 * - `var s = unsafe.Slice(…)` and `var s []T = unsafe.Slice(…)` in a function both become
 *   `var s []T` and a header, which comes back as `s := unsafe.Slice(…)`: the same variable,
 *   type and value.
 * - `s := unsafe.Slice(…)` directly followed by `return s` becomes the same statements as
 *   `return unsafe.Slice(…)` does, and comes back as that.
 * - an `n` whose type local syntax cannot tell is converted for the header's Len,
 *   `sh.Len = int(n)`, and the conversion stays: `unsafe.Slice(p, int(n))`.
 */
function expected(name: string, original: string): string {
  // Only statements the first codemod rewrote: their `// want` is not a "not here" one.
  const rewritten = (want: string) => !want.includes('not here');
  let out = original.replace(/^(\t+)var (\w+)(?: [^=\n]+)? = (\w+\.Slice\(.*)( \/\/ want .*)$/gm, (all, tab, v, call, want) =>
    rewritten(want) ? `${tab}${v} := ${call}${want}` : all,
  );
  out = out.replace(/^(\t+)(\w+) := (\w+\.Slice\(.*)( \/\/ want .*)\n\t+return (\w+)\n/gm, (all, tab, v, call, want, ret) =>
    rewritten(want) && ret === v ? `${tab}return ${call}${want}\n` : all,
  );
  if (name === 'bindn.go') out = out.replace('unsafe.Slice(p, binary.Size(v))', 'unsafe.Slice(p, int(binary.Size(v)))');
  return out;
}

function cases(codemod: string): { name: string; source: string; golden: string | undefined }[] {
  const dir = join(root, 'codemods', codemod, 'testdata');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.go') && statSync(join(dir, f)).isFile())
    .sort()
    .map((name) => {
      const golden = join(dir, name + '.golden');
      return { name, source: readFileSync(join(dir, name), 'utf8'), golden: existsSync(golden) ? readFileSync(golden, 'utf8') : undefined };
    });
}

async function apply(codemod: typeof toHeader, name: string, source: string): Promise<string> {
  const file: UnitFile = { path: name, source, goVersion: '1.22', packageName: /^package (\w+)/m.exec(source)?.[1] ?? '' };
  const [outcome] = runUnit(await loadGoParser(), [{ codemod, options: {} }], [file], { gofmt: await loadGofmt() });
  expect(outcome.errors).toEqual([]);
  return outcome.output;
}

describe('unsafe-slice-to-sliceheader, then sliceheader-to-unsafe-slice', () => {
  test.each(cases('unsafe-slice-to-sliceheader').map((c) => [c.name, c] as const))('%s comes back', async (name, c) => {
    const headers = await apply(toHeader, name, c.source);
    expect(headers).toBe(c.golden ?? c.source);
    const back = await apply(toSlice, name, headers);
    expect(back).toBe(expected(name, c.source));
  });

  test('the round trip is not the identity by accident: the middle step changed every fixture with a golden', () => {
    for (const c of cases('unsafe-slice-to-sliceheader')) {
      if (c.golden !== undefined) expect(c.golden).toMatch(/reflect\.SliceHeader/);
    }
  });
});

describe('sliceheader-to-unsafe-slice goldens are fixed points of the round trip', () => {
  test.each(cases('sliceheader-to-unsafe-slice').filter((c) => c.golden !== undefined).map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const headers = await apply(toHeader, name, c.golden!);
    const back = await apply(toSlice, name, headers);
    expect(back).toBe(c.golden);
  });
});

/**
 * The Go tree as a corpus: every file of $GOROOT/src that calls unsafe.Slice goes through
 * both codemods. Every header the first one writes is taken back by the second, the
 * imports end as they began, and most files come back byte for byte (the rest differ in
 * the ways listed above, plus a one-spec import block that comes back as `import "unsafe"`).
 */
describe('the round trip over $GOROOT/src', () => {
  const goroot = goRoot();
  (goroot ? test : test.skip)('headers and imports come back', async () => {
    const files = walkGo(join(goroot!, 'src')).filter((f) => readFileSync(f, 'utf8').includes('unsafe.Slice('));
    expect(files.length).toBeGreaterThan(50);
    const parser = await loadGoParser();
    const importsOf = (src: string) => {
      const tree = parser.parse(src);
      try {
        return listImports({ source: src, tree }).map((s) => `${s.name ?? ''} ${s.path}`).sort();
      } finally {
        tree.delete();
      }
    };
    const headers = (src: string) => src.split('reflect.SliceHeader').length;
    let rewritten = 0;
    let exact = 0;
    for (const f of files) {
      const source = readFileSync(f, 'utf8');
      const there = await apply(toHeader, f, source);
      if (there === source) continue;
      rewritten++;
      const back = await apply(toSlice, f, there);
      expect({ f, headers: headers(back) }).toEqual({ f, headers: headers(source) });
      expect({ f, imports: importsOf(back) }).toEqual({ f, imports: importsOf(source) });
      if (back === source) exact++;
    }
    expect(rewritten).toBeGreaterThan(20);
    expect(exact / rewritten).toBeGreaterThan(0.75);
  });
});

function goRoot(): string | undefined {
  const r = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  if (dir && existsSync(join(dir, 'src'))) return dir;
  if (process.env.GOCODEMOD_REQUIRE_GO === '1') throw new Error('GOCODEMOD_REQUIRE_GO=1 but $GOROOT/src is missing');
  return undefined;
}

function walkGo(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return walkGo(p);
    return e.name.endsWith('.go') ? [p] : [];
  });
}
