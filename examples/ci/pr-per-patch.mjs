#!/usr/bin/env node
// One pull request per patch of `gocodemod run --output-dir DIR`, as examples/ci/gocodemod.yml
// runs it: node pr-per-patch.mjs DIR BASE [--no-push]
//
// Each patch gets a branch gocodemod/<NN-codemod> made from BASE with the patches it depends
// on (summary.json's dependsOn, followed transitively) applied first, in order, then itself.
// A patch with no dependency is a pull request against BASE; one with dependencies is stacked
// on the branch of its last one, so its diff shows its own change. --no-push makes the
// branches and commits locally and prints the `gh pr create` commands instead of running them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [dir, base, flag] = process.argv.slice(2);
if (!dir || !base) {
  console.error('usage: node pr-per-patch.mjs DIR BASE [--no-push]');
  process.exit(2);
}
const push = flag !== '--no-push';
const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const git = (...args) => run('git', args);
const byFile = new Map(summary.patches.map((p) => [p.file, p]));
const branchOf = (file) => `gocodemod/${file.replace(/\.patch$/, '')}`;

/** The patches `p` needs, transitively, in the order they were written. */
function closure(p) {
  const seen = new Set();
  const visit = (q) => {
    for (const d of q.dependsOn) {
      if (seen.has(d.patch)) continue;
      seen.add(d.patch);
      visit(byFile.get(d.patch));
    }
  };
  visit(p);
  return summary.patches.filter((q) => seen.has(q.file));
}

for (const p of summary.patches) {
  const needs = closure(p);
  const branch = branchOf(p.file);
  git('switch', '--quiet', '--force-create', branch, base);
  for (const q of [...needs, p]) {
    git('apply', '--index', resolve(dir, q.file));
    git('commit', '--quiet', '-m', `gocodemod: ${q.codemod} (${q.file})`);
  }
  const onto = needs.length ? branchOf(needs[needs.length - 1].file) : base;
  const deps = p.dependsOn.map((d) => `${d.patch} (${d.why === 'lines' ? 'edits the same lines' : 'sets the Go version its code needs'})`);
  const body = [
    `\`gocodemod run\` with the codemod **${p.codemod}**: ${p.files.length} file(s).`,
    deps.length ? `Needs ${deps.join(', ')}: merge that first.` : 'Independent of the other gocodemod pull requests.',
  ].join('\n\n');
  const pr = ['pr', 'create', '--head', branch, '--base', onto, '--title', `gocodemod: ${p.codemod}`, '--body', body];
  if (push) {
    git('push', '--force', '--quiet', 'origin', branch);
    // A re-run updates the branch; its pull request is already open then.
    let open = false;
    try {
      open = run('gh', ['pr', 'view', branch, '--json', 'state', '--jq', '.state']).trim() === 'OPEN';
    } catch {
      open = false;
    }
    if (!open) run('gh', pr);
  } else console.log(['gh', ...pr.map((a) => JSON.stringify(a))].join(' '));
}
git('switch', '--quiet', base);
