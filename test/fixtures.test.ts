/**
 * The fixture runner of DESIGN.md: every codemod x every case in codemods/<name>/testdata.
 * `<case>.go` (+ `<case>.go.golden`) or a folder `<case>/` with go.mod and goldens beside
 * its files. Asserts: diagnostics match the `// want` comments one to one; the output equals
 * the golden byte for byte (no golden: no edits); a second run on the output changes nothing;
 * the golden parses; real gofmt leaves it as it is; and where the input type-checks with
 * `go vet`, so does the golden.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { builtinCodemods } from '../src/builtins.js';
import { loadGoParser } from '../src/parser.js';
import { run, type FileResult } from '../src/runner.js';
import { errorRegions } from '../src/syntax-errors.js';
import { gofmtList, goVetFailures, haveGo } from './helpers/go-tool.js';
import { matchWants, parseWants } from './helpers/wants.js';

const root = join(import.meta.dirname, '..');
const FIXTURE_GO = '1.22';

interface Case {
  name: string;
  /** Files of the case, relative to its directory, with their inputs and expected outputs. */
  files: { rel: string; input: string; golden: string | undefined }[];
  /** go.mod of a folder case (single-file cases get one at FIXTURE_GO). */
  gomod: string;
}

function listCases(codemodDir: string): Case[] {
  const dir = join(codemodDir, 'testdata');
  if (!existsSync(dir)) return [];
  const cases: Case[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const abs = join(dir, entry);
    if (statSync(abs).isDirectory()) {
      // Go files, and go.mod / go.work files (inputs too, for codemods that edit them).
      const files = walk(abs)
        .filter((f) => f.endsWith('.go') || isModuleFile(f))
        .map((rel) => ({ rel, input: readFileSync(join(abs, rel), 'utf8'), golden: readMaybe(join(abs, rel + '.golden')) }));
      const gomod = readMaybe(join(abs, 'go.mod')) ?? `module fixture/${entry}\n\ngo ${FIXTURE_GO}\n`;
      cases.push({ name: entry, files, gomod });
    } else if (entry.endsWith('.go')) {
      const name = entry.slice(0, -3);
      cases.push({
        name,
        files: [{ rel: entry, input: readFileSync(abs, 'utf8'), golden: readMaybe(abs + '.golden') }],
        gomod: `module fixture/${name}\n\ngo ${FIXTURE_GO}\n`,
      });
    }
  }
  return cases;
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split('\\').join('/')],
  );
}

function isModuleFile(rel: string): boolean {
  const name = rel.split('/').pop();
  return name === 'go.mod' || name === 'go.work';
}

function readMaybe(p: string): string | undefined {
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

/** Lays a case out as a module in `dir`, with inputs or with expected outputs. */
function layOut(dir: string, c: Case, which: 'input' | 'golden') {
  mkdirSync(dir, { recursive: true });
  if (!c.files.some((f) => f.rel === 'go.mod')) writeFileSync(join(dir, 'go.mod'), c.gomod);
  for (const f of c.files) {
    mkdirSync(join(dir, f.rel, '..'), { recursive: true });
    writeFileSync(join(dir, f.rel), which === 'golden' ? (f.golden ?? f.input) : f.input);
  }
}

async function runCodemod(codemodName: string, dir: string): Promise<FileResult[]> {
  const codemod = builtinCodemods.find((c) => c.name === codemodName)!;
  const results: FileResult[] = [];
  await run({ cwd: dir, paths: ['./...'], codemods: [{ codemod, options: {} }], onResult: (r) => results.push(r) });
  return results;
}

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

describe.each(codemodDirs)('codemod %s', (name) => {
  const cases = listCases(join(root, 'codemods', name));

  test('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  test.each(cases.map((c) => [c.name, c] as const))('case %s', async (_n, c) => {
    const dir = join(scratch, name, 'run', c.name);
    layOut(dir, c, 'input');
    const results = await runCodemod(name, dir);
    const byRel = new Map(results.map((r) => [relative(dir, r.abs).split('\\').join('/'), r]));
    for (const f of c.files) {
      // No result: the file was skipped (generated, or context only), so nothing may change.
      const r = byRel.get(f.rel) ?? { errors: [], findings: [], output: f.input, status: 'unchanged' };
      expect(r.errors).toEqual([]);
      const { missing, unexpected } = matchWants(parseWants(f.input), r.findings);
      expect({ file: f.rel, missing: missing.map((w) => `${w.line}: ${w.raw}`), unexpected }).toEqual({ file: f.rel, missing: [], unexpected: [] });
      expect(r.status === 'unchanged' ? f.input : r.output).toBe(f.golden ?? f.input);
    }

    // Idempotence: the expected output is a fixed point.
    const again = join(scratch, name, 'again', c.name);
    layOut(again, c, 'golden');
    for (const r of await runCodemod(name, again)) {
      expect({ file: r.path, changed: r.output !== r.original }).toEqual({ file: r.path, changed: false });
    }

    // Goldens parse without errors (when their input did).
    const parser = await loadGoParser();
    for (const f of c.files.filter((f) => f.rel.endsWith('.go'))) {
      const before = parser.parse(f.input);
      const after = parser.parse(f.golden ?? f.input);
      try {
        expect(errorRegions(after, f.golden ?? f.input).length).toBeLessThanOrEqual(errorRegions(before, f.input).length);
      } finally {
        before.delete();
        after.delete();
      }
    }
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
