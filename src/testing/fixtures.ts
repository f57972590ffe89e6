/**
 * The fixture runner: one case of a codemod's testdata/ directory, run through `run()` on a
 * temporary copy and compared with what the case expects. Used by `gocodemod test` (for
 * codemods of one's own) and by test/fixtures.test.ts (for the built-ins), so both read the
 * same layout and check the same things.
 *
 * Layout of a testdata directory: `<case>.go` (+ `<case>.go.golden`), or a folder `<case>/`
 * with its own go.mod (else one at FIXTURE_GO) and goldens beside its files; go.mod and
 * go.work files of a folder case are inputs too, for codemods that edit them. No golden: the
 * file must not change. `// want "regexp"` comments (src/testing/wants.ts) expect findings.
 *
 * Checks of a case (`checkCase`): no errors; findings match the wants one to one; the output
 * equals the golden byte for byte; a second run on the output changes nothing; the output
 * parses with no more syntax errors than the input; and real gofmt (WASM) leaves the output
 * of a gofmt-clean input as it is. No Go toolchain is needed (test/fixtures.test.ts adds
 * `gofmt -l` and `go vet` on top). A case on which the codemod never ran (no file with one of
 * its needles, ...) cannot test it: it fails when it expects something (a want, or a golden
 * that differs from its input), else it passes as a negative case, with the reason in
 * `neverRan`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LoadedCodemod } from '../engine/engine.js';
import { loadGofmt } from '../engine/gofmt.js';
import { loadGoParser } from '../go/parser.js';
import { run, type FileResult } from '../run/runner.js';
import { errorRegions } from '../engine/syntax-errors.js';
import { unifiedDiff } from '../output/unified-diff.js';
import { matchWants, parseWants } from './wants.js';
import type { Codemod, FileKind } from '../go/codemod.js';
import { crashLines } from '../output/crash-report.js';

import { FIXTURE_GO } from './fixture-go.js';

export { FIXTURE_GO } from './fixture-go.js';

export interface FixtureFile {
  /** Relative to the case's directory (the testdata directory for a single-file case), forward slashes. */
  rel: string;
  input: string;
  /** The golden's text; undefined when there is none (the file must not change). */
  golden: string | undefined;
}

export interface FixtureCase {
  name: string;
  /** The directory `rel` paths are relative to: the testdata directory, or the case's folder. */
  dir: string;
  files: FixtureFile[];
  /** go.mod of a folder case (single-file cases get one at FIXTURE_GO). */
  gomod: string;
}

/** The cases of a testdata directory, sorted by name; [] when it does not exist. */
export function listCases(testdata: string): FixtureCase[] {
  if (!existsSync(testdata)) return [];
  const cases: FixtureCase[] = [];
  for (const entry of readdirSync(testdata).sort()) {
    const abs = join(testdata, entry);
    if (statSync(abs).isDirectory()) {
      const files = walk(abs)
        .filter((f) => f.endsWith('.go') || isModuleFile(f))
        .map((rel) => ({ rel, input: readFileSync(join(abs, rel), 'utf8'), golden: readMaybe(join(abs, rel + '.golden')) }));
      const gomod = readMaybe(join(abs, 'go.mod')) ?? `module fixture/${entry}\n\ngo ${FIXTURE_GO}\n`;
      cases.push({ name: entry, dir: abs, files, gomod });
    } else if (entry.endsWith('.go')) {
      const name = entry.slice(0, -3);
      cases.push({
        name,
        dir: testdata,
        files: [{ rel: entry, input: readFileSync(abs, 'utf8'), golden: readMaybe(abs + '.golden') }],
        gomod: `module fixture/${name}\n\ngo ${FIXTURE_GO}\n`,
      });
    }
  }
  return cases;
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split('\\').join('/')]));
}

function isModuleFile(rel: string): boolean {
  const name = rel.split('/').pop();
  return name === 'go.mod' || name === 'go.work';
}

function readMaybe(p: string): string | undefined {
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

/** Lays a case out as a module in `dir`: its inputs, its goldens (inputs where none), or given texts. */
export function layOut(dir: string, c: FixtureCase, which: 'input' | 'golden' | Map<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (!c.files.some((f) => f.rel === 'go.mod')) writeFileSync(join(dir, 'go.mod'), c.gomod);
  for (const f of c.files) {
    mkdirSync(join(dir, f.rel, '..'), { recursive: true });
    const text = which === 'input' ? f.input : which === 'golden' ? (f.golden ?? f.input) : (which.get(f.rel) ?? f.input);
    writeFileSync(join(dir, f.rel), text);
  }
}

export interface CaseOptions {
  /** A directory of the caller's for the temporary copies (`<scratch>/run/<case>`, `<scratch>/again/<case>`). */
  scratch: string;
  /** Worker threads for `run()` (default: its own default). */
  jobs?: number;
  /** Paths in a crash's stack are shown relative to it (default: absolute). */
  cwd?: string;
}

export interface Failure {
  /** `golden`: the output is not the golden (what `--update` fixes); the others it does not. */
  kind: 'error' | 'never-ran' | 'wants' | 'golden' | 'idempotence' | 'syntax' | 'gofmt';
  /** The file of the case it is about (`rel`). */
  file: string;
  /** `file[:line]: what`, possibly followed by more lines (a unified diff). */
  text: string;
}

export interface CaseResult {
  name: string;
  /** Why the case fails, one entry per problem; [] when it passes. */
  failures: Failure[];
  /** The output of each file of the case (by `rel`), the input where it did not change. */
  outputs: Map<string, string>;
  /** Files whose run ended in an error: their output is not the codemod's. */
  erroredFiles: Set<string>;
  /** Files whose output differs from their golden (or from their input, without one). */
  goldenMismatches: Set<string>;
  /**
   * Why the codemod ran on no file of the case (no needle, too old a Go version...), or
   * undefined when it ran. Such a case fails when it has a want or a golden that differs from
   * its input; without either it is a negative case, and passes (the CLI prints the reason
   * beside its ok).
   */
  neverRan?: string;
}

async function runOn(dir: string, codemod: LoadedCodemod, jobs: number | undefined): Promise<Map<string, FileResult>> {
  const results: FileResult[] = [];
  await run({ cwd: dir, paths: ['./...'], codemods: [codemod], ...(jobs === undefined ? {} : { jobs }), onResult: (r) => results.push(r) });
  return new Map(results.map((r) => [relative(dir, r.abs).split('\\').join('/'), r]));
}

/** The text of a file after a run: unchanged results carry no text. */
function outputOf(r: FileResult | undefined, input: string): string {
  return !r || r.status !== 'changed' ? input : r.output;
}

/** Runs one case and checks it (see the top of this file). */
export async function checkCase(c: FixtureCase, codemod: LoadedCodemod, opts: CaseOptions): Promise<CaseResult> {
  const failures: Failure[] = [];
  const fail = (kind: Failure['kind'], file: string, text: string) => failures.push({ kind, file, text });
  const outputs = new Map<string, string>();
  const erroredFiles = new Set<string>();
  const goldenMismatches = new Set<string>();

  const dir = join(opts.scratch, 'run', c.name);
  layOut(dir, c, 'input');
  const first = await runOn(dir, codemod, opts.jobs);
  for (const f of c.files) {
    // No result: the file was skipped (generated, or context only), so nothing may change.
    const r = first.get(f.rel);
    for (const e of r?.errors ?? []) {
      erroredFiles.add(f.rel);
      const stack = e.crash ? '\n' + crashLines(e.crash, opts.cwd ?? '/').map((l) => '    ' + l).join('\n') : '';
      fail('error', f.rel, `${f.rel}${e.line ? `:${e.line}` : ''}: error: ${e.message}${stack}`);
    }
    const { missing, unexpected } = matchWants(parseWants(f.input), r?.findings ?? []);
    for (const w of missing) fail('wants', f.rel, `${f.rel}:${w.line}: no finding matches want ${JSON.stringify(w.raw)}`);
    for (const u of unexpected) fail('wants', f.rel, `${f.rel}:${u.line}: unexpected finding: ${u.message}`);
    const got = outputOf(r, f.input);
    outputs.set(f.rel, got);
    const want = f.golden ?? f.input;
    if (got !== want) {
      goldenMismatches.add(f.rel);
      const what = f.golden === undefined ? `${f.rel} changed, but there is no ${f.rel}.golden (no golden: no change)` : `${f.rel}: output differs from ${f.rel}.golden`;
      fail('golden', f.rel, `${what} (- want, + got):\n${unifiedDiff(f.rel, want, got).trimEnd()}`);
    }
  }

  // A golden equal to its input expects no change, as no golden does: only a want or a
  // golden that differs from its input expects the codemod to do something.
  const neverRan = whyNeverRan(c, codemod.codemod, first);
  if (neverRan && c.files.some((f) => (f.golden !== undefined && f.golden !== f.input) || parseWants(f.input).length > 0)) {
    // First: it explains the want and golden failures that follow.
    failures.unshift({ kind: 'never-ran', file: c.files[0]?.rel ?? '', text: `the codemod never ran on this case: ${neverRan}; so its wants and goldens cannot be met` });
  }

  // Idempotence: the output is a fixed point.
  const again = join(opts.scratch, 'again', c.name);
  layOut(again, c, outputs);
  const second = await runOn(again, codemod, opts.jobs);
  for (const [rel, r] of second) {
    const before = outputs.get(rel) ?? r.original;
    for (const e of r.errors) fail('idempotence', rel, `${rel}${e.line ? `:${e.line}` : ''}: error on a second run over the output: ${e.message}`);
    if (r.status === 'changed') {
      fail('idempotence', rel, `${rel}: not idempotent: a second run over the output changes it:\n${unifiedDiff(rel, before, r.output).trimEnd()}`);
    }
  }

  // The output parses with no more errors than the input did, and stays gofmt-clean.
  const goFiles = c.files.filter((f) => f.rel.endsWith('.go'));
  if (goFiles.length) {
    const parser = await loadGoParser();
    const gofmt = await loadGofmt();
    for (const f of goFiles) {
      const got = outputs.get(f.rel)!;
      if (got === f.input) continue;
      const before = parser.parse(f.input);
      const after = parser.parse(got);
      try {
        const [was, is] = [errorRegions(before, f.input).length, errorRegions(after, got).length];
        if (is > was) fail('syntax', f.rel, `${f.rel}: the output has ${is} syntax error region(s), the input ${was}`);
      } finally {
        before.delete();
        after.delete();
      }
      const inFmt = gofmt.format(f.input);
      if (inFmt.ok && inFmt.text === f.input) {
        const outFmt = gofmt.format(got);
        if (!outFmt.ok) fail('gofmt', f.rel, `${f.rel}: gofmt fails on the output (the input was gofmt-clean): ${outFmt.error}`);
        else if (outFmt.text !== got) {
          fail('gofmt', f.rel, `${f.rel}: the output is not gofmt-clean, though the input was (- output, + gofmt):\n${unifiedDiff(f.rel, got, outFmt.text).trimEnd()}`);
        }
      }
    }
  }
  const result: CaseResult = { name: c.name, failures, outputs, erroredFiles, goldenMismatches };
  if (neverRan) result.neverRan = neverRan;
  return result;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodemod = Codemod<any>;

function kindOf(rel: string): FileKind {
  const name = rel.split('/').pop();
  return name === 'go.mod' ? 'go.mod' : name === 'go.work' ? 'go.work' : 'go';
}

/**
 * Why the engine ran the codemod on no file of the case (see src/engine/engine.ts: a
 * codemod runs on a file of its kinds that holds one of its needles, is processed, and is
 * not older than its minGo), or undefined when it ran on one.
 */
function whyNeverRan(c: FixtureCase, codemod: AnyCodemod, results: Map<string, FileResult>): string | undefined {
  const kinds = codemod.fileKinds ?? ['go'];
  const ofKind = c.files.filter((f) => kinds.includes(kindOf(f.rel)));
  const needles = codemod.needles ?? [];
  const withNeedle = ofKind.filter((f) => needles.length === 0 || needles.some((n) => f.input.includes(n)));
  const processed = withNeedle.filter((f) => results.has(f.rel));
  const ran = processed.filter((f) => !results.get(f.rel)!.skippedBy.some((s) => s.codemod === codemod.name));
  if (ran.length) return undefined;
  if (!ofKind.length) return `it takes ${kinds.join(', ')} files, and the case has none`;
  if (!withNeedle.length) return `no file contains one of its needles (${needles.map((n) => JSON.stringify(n)).join(', ')})`;
  if (!processed.length) return 'its files with a needle are not processed (generated files are not)';
  const skip = results.get(processed[0].rel)!.skippedBy.find((s) => s.codemod === codemod.name)!;
  return `the Go version is too old (${skip.reason})`;
}

export interface GoldenUpdate {
  /** The golden file, absolute. */
  path: string;
  action: 'write' | 'delete';
}

/**
 * Brings the goldens of a case in line with its outputs (`--update`): a golden is written
 * where the output differs from the input, deleted where it would equal the input. Files
 * whose run ended in an error are left alone. Inputs (and their wants) are never touched.
 */
export function updateGoldens(c: FixtureCase, result: CaseResult): GoldenUpdate[] {
  const done: GoldenUpdate[] = [];
  for (const f of c.files) {
    if (result.erroredFiles.has(f.rel)) continue;
    // The codemod did not run: a golden with a change says what it should do once it does.
    if (result.neverRan && f.golden !== undefined && f.golden !== f.input) continue;
    const got = result.outputs.get(f.rel) ?? f.input;
    const path = join(c.dir, f.rel + '.golden');
    if (got === f.input) {
      if (f.golden !== undefined) {
        unlinkSync(path);
        done.push({ path, action: 'delete' });
      }
    } else if (f.golden !== got) {
      writeFileSync(path, got);
      done.push({ path, action: 'write' });
    }
  }
  return done;
}
