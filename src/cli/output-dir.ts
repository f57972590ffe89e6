/**
 * `run --output-dir DIR`: `NN-<codemod>.patch` for each codemod that changes something, in
 * list order, and `summary.json` (the json format, plus the patches and what each depends
 * on). Patch k is computed from real runs of the first k-1 and the first k codemods (see
 * src/output/patches.ts), so applying the patches in order gives exactly the `--write` tree.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run, type RunConfig } from '../run/runner.js';
import { Workspace } from '../run/workspace.js';
import { buildPatches, type PatchFile } from '../output/patches.js';
import { buildReport, prepareReview, type RunRecord } from '../output/report.js';
import { describeFsError } from '../run/discover.js';
import type { CliIO } from './io.js';

const OURS = /^(\d{2,}-[a-z0-9-]+\.patch|summary\.json)$/;

interface Texts {
  path: string;
  original: string;
  output: string;
}

export async function writeOutputDir(dir: string, record: RunRecord, config: RunConfig, io: CliIO): Promise<number> {
  const n = config.codemods.length;
  // Outputs of the runs of the first k codemods, k = 1..n-1; the whole run is the record.
  const prefixes: Map<string, Texts>[] = [];
  for (let k = 1; k < n; k++) {
    const outputs = new Map<string, Texts>();
    const summary = await run({
      ...config,
      codemods: config.codemods.slice(0, k),
      write: false,
      onResult: (r) => {
        if (r.status === 'changed') outputs.set(r.abs, { path: r.path, original: r.original, output: r.output });
      },
    });
    if (summary.interrupted) {
      io.stderr.write('gocodemod: interrupted: no patch written\n');
      return 130;
    }
    prefixes.push(outputs);
  }
  const final = new Map<string, Texts>();
  const failed = new Set<string>();
  for (const r of record.results) {
    if (r.status === 'changed') final.set(r.abs, { path: r.path, original: r.original, output: r.output });
    if (r.status === 'error') failed.add(r.abs);
  }
  const workspace = new Workspace();
  const files: PatchFile[] = [];
  const all = new Set([...prefixes.flatMap((p) => [...p.keys()]), ...final.keys()]);
  for (const abs of [...all].sort()) {
    if (failed.has(abs)) continue; // left as it is by --write: in no patch
    const seen = [...prefixes.map((p) => p.get(abs)), final.get(abs)].filter((t): t is Texts => t !== undefined);
    const original = seen[0].original;
    if (seen.some((t) => t.original !== original)) {
      io.stderr.write(`gocodemod: ${seen[0].path}: changed on disk during the run; no patch written\n`);
      return 2;
    }
    const states = [original, ...prefixes.map((p) => p.get(abs)?.output ?? original), final.get(abs)?.output ?? original];
    const gomod = workspace.moduleOf(dirname(abs))?.gomod;
    files.push({ abs, diffPath: record.paths.of(abs, seen[0].path), states, ...(gomod ? { gomod } : {}) });
  }
  // Files in runner order (by path), as the diff of a whole run lists them.
  files.sort((x, y) => (x.diffPath < y.diffPath ? -1 : x.diffPath > y.diffPath ? 1 : 0));
  const patches = buildPatches(
    config.codemods.map((c) => c.codemod.name),
    files,
  );
  const report = buildReport(prepareReview(record));
  report.patches = patches.map((p) => ({ file: p.name, codemod: p.codemod, files: p.files, dependsOn: p.dependsOn, appliesAlone: p.appliesAlone }));
  try {
    mkdirSync(dir, { recursive: true });
    // Patches of an earlier run would be applied with these: remove them (only our own names).
    for (const name of readdirSync(dir)) if (OURS.test(name)) rmSync(join(dir, name), { force: true });
    for (const p of patches) writeAtomically(join(dir, p.name), p.text);
    writeAtomically(join(dir, 'summary.json'), JSON.stringify(report, null, 2) + '\n');
  } catch (e) {
    io.stderr.write(`gocodemod: --output-dir ${dir}: ${describeFsError(e)}\n`);
    return 2;
  }
  io.stderr.write(`gocodemod: ${patches.length} patch${patches.length === 1 ? '' : 'es'} and summary.json in ${dir}\n`);
  for (const p of patches) {
    const deps = p.dependsOn.map((d) => `${d.patch}${d.why === 'go.mod' ? ' (go.mod)' : ''}`);
    io.stderr.write(`  ${p.name}: ${p.files.length} file${p.files.length === 1 ? '' : 's'}; ${deps.length ? `after ${deps.join(', ')}` : 'applies alone'}${p.appliesAlone && deps.length ? ' (applies alone textually)' : ''}\n`);
  }
  return 0;
}

function writeAtomically(path: string, text: string) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
