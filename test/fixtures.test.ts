/**
 * The fixture runner of DESIGN.md over the built-ins: every codemod x every case in
 * codemods/<name>/testdata, through src/testing/fixtures.ts (the runner of `gocodemod test`).
 * `<case>.go` (+ `<case>.go.golden`) or a folder `<case>/` with go.mod and goldens beside
 * its files. Asserts: no errors; diagnostics match the `// want` comments one to one; the
 * output equals the golden byte for byte (no golden: no edits); a second run on the output
 * changes nothing; the output parses; gofmt (WASM) leaves it as it is; and, with the Go
 * toolchain, on top: `gofmt -l` passes the goldens, and where the input type-checks with
 * `go vet`, so does the golden. The example codemods of examples/codemods/ (a user's codemod
 * files, loaded as `--codemod` loads them) are held to the same checks, with their fixtures in
 * examples/codemods/testdata/<name>/.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinCodemods } from '../src/registry/builtins.js';
import { loadUserCodemod } from '../src/registry/user-codemods.js';
import type { Codemod } from '../src/go/codemod.js';
import { checkCase, FIXTURE_GO, layOut, listCases } from '../src/testing/fixtures.js';
import { gofmtList, goVetFailures, haveGo } from './helpers/go-tool.js';

const root = join(import.meta.dirname, '..');

const codemodDirs = readdirSync(join(root, 'codemods'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

test('every codemod folder is a registered built-in, and the other way round', () => {
  expect(codemodDirs).toEqual(builtinCodemods.map((c) => c.name).sort());
});

const goAvailable = haveGo();
const scratch = mkdtempSync(join(tmpdir(), 'gocodemod-fixtures-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A codemod and where its fixtures are: every built-in, and every example codemod file. */
interface FixtureSet {
  name: string;
  testdata: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  load(): Promise<Codemod<any>>;
}

const exampleFiles = readdirSync(join(root, 'examples', 'codemods')).filter((f) => f.endsWith('.ts'));
const sets: FixtureSet[] = [
  ...codemodDirs.map((name) => ({ name, testdata: join(root, 'codemods', name, 'testdata'), load: async () => builtinCodemods.find((b) => b.name === name)! })),
  ...exampleFiles.map((file) => ({
    name: file.replace(/\.ts$/, ''),
    testdata: join(root, 'examples', 'codemods', 'testdata', file.replace(/\.ts$/, '')),
    load: async () => (await loadUserCodemod(join(root, 'examples', 'codemods', file), { cwd: root, outDir: scratch })).codemod,
  })),
];

test('the example codemods are named after their files', async () => {
  for (const set of sets) expect((await set.load()).name).toBe(set.name);
});

describe.each(sets.map((s) => [s.name, s] as const))('codemod %s', (name, set) => {
  const cases = listCases(set.testdata);

  test('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  test.each(cases.map((c) => [c.name, c] as const))('case %s', async (_n, c) => {
    // src/testing/fixtures.ts, as `gocodemod test` runs it: errors, wants, golden, idempotence,
    // syntax errors, gofmt (WASM).
    const codemod = await set.load();
    const r = await checkCase(c, { codemod, options: {} }, { scratch: join(scratch, name) });
    expect(r.failures.map((f) => f.text)).toEqual([]);
  });

  (goAvailable ? test : test.skip)('goldens are gofmt-clean where the inputs are', () => {
    const inputs = join(scratch, name, 'fmt-in');
    const goldens = join(scratch, name, 'fmt-out');
    for (const c of cases) {
      layOut(join(inputs, c.name), c, 'input');
      layOut(join(goldens, c.name), c, 'golden');
    }
    const files = cases.flatMap((c) => c.files.filter((f) => f.rel.endsWith('.go')).map((f) => `${c.name}/${f.rel}`));
    const dirtyIn = new Set(gofmtList(inputs, files));
    const dirtyOut = gofmtList(goldens, files).filter((f) => !dirtyIn.has(f));
    expect(dirtyOut).toEqual([]);
  });

  (goAvailable ? test : test.skip)('goldens type-check (go vet) wherever the inputs do', () => {
    const vet = (which: 'input' | 'golden') => {
      const failedCases = new Set<string>();
      const outputs: string[] = [];
      // Single-file cases share one throwaway module (one package directory each); folder
      // cases with their own go.mod are vetted as their own modules.
      const shared = join(scratch, name, `vet-${which}`);
      mkdirSync(shared, { recursive: true });
      writeFileSync(join(shared, 'go.mod'), `module fixture\n\ngo ${FIXTURE_GO}\n`);
      for (const c of cases) {
        const own = c.files.length !== 1 || !c.files[0].rel.endsWith('.go') || !c.gomod.startsWith(`module fixture/${c.name}\n\ngo ${FIXTURE_GO}`);
        if (own) {
          const dir = join(scratch, name, `vet-${which}-own`, c.name);
          layOut(dir, c, which);
          const r = goVetFailures(dir);
          if (r.failed.size) {
            failedCases.add(c.name);
            outputs.push(r.output);
          }
        } else {
          const d = join(shared, c.name);
          mkdirSync(d, { recursive: true });
          for (const f of c.files) writeFileSync(join(d, f.rel), which === 'golden' ? (f.golden ?? f.input) : f.input);
        }
      }
      const r = goVetFailures(shared);
      for (const d of r.failed) failedCases.add(d.split('/')[0]);
      outputs.push(r.output);
      return { failedCases, output: outputs.join('\n') };
    };
    const before = vet('input');
    const after = vet('golden');
    const broken = [...after.failedCases].filter((c) => !before.failedCases.has(c));
    expect({ broken, output: broken.length ? after.output : '' }).toEqual({ broken: [], output: '' });
  });
});
