/**
 * `--format markdown`: a pull-request comment. Totals, then changes per codemod and per Go
 * module, notes and errors, then each changed file's diff in a collapsed `<details>` block.
 * GitHub takes at most 65,536 characters in one comment: past that, files are left out (the
 * largest do not stop smaller ones after them) and the comment ends by naming them.
 */
import { dirname } from 'node:path';
import { Workspace } from '../run/workspace.js';
import { lineDiff, unifiedDiff } from './unified-diff.js';
import { codemodTotals, type Review } from './report.js';
import { vetLine } from './printers.js';

/** GitHub's limit for a comment body. Lengths here are UTF-16 units, never fewer than characters. */
export const MAX_COMMENT = 65_536;
/** Room kept for the closing lines that name what was left out. */
const TRAILER = 2_000;
/** Notes and errors take at most this share of a comment. */
const NOTES_SHARE = 0.25;
/** So does the table of modules. */
const MODULES_SHARE = 0.15;

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const code = (s: string) => `<code>${html(s)}</code>`;
/** Inline code in Markdown: a fence of backticks longer than any run inside. */
const tick = (s: string) => {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest ? ' ' : ''}${s}${longest ? ' ' : ''}${fence}`;
};
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

interface FileBlock {
  diffPath: string;
  added: number;
  removed: number;
  text: string;
}

export function renderMarkdown(review: Review, limit = MAX_COMMENT): string {
  const { record, files, results } = review;
  const changedWord = record.mode === 'write' ? 'changed' : 'to change';
  const s = record.summary;
  const head: string[] = [];
  const changeCount = review.changes.changes.length;
  head.push(`### gocodemod: ${plural(s.changed, 'file')} ${changedWord}, ${plural(changeCount, 'change')}`, '');
  const skipped = [...s.skipped].sort(([a], [b]) => (a < b ? -1 : 1)).map(([reason, n]) => `${reason} ${n}`);
  head.push(`${plural(s.scanned, 'file')} scanned: ${s.changed} ${changedWord}, ${s.unchanged} unchanged, ${plural(s.errorFiles, 'error')}${skipped.length ? `; skipped: ${skipped.join(', ')}` : ''}${s.interrupted ? '; **interrupted**' : ''}.`, '');

  if (s.suppressedByCodemod.size) {
    const by = [...s.suppressedByCodemod].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${tick(c)} ${n}`);
    head.push(`Suppressed by \`//gocodemod:ignore\`: ${by.join(', ')}.`, '');
  }
  if (s.writeGroups) head.push(`${plural(s.writeGroups, 'write group')}: files joined by a fix, or needing their go.mod's new go line, land together or not at all.`, '');

  const blocks = fileBlocks(review);
  const totals = codemodTotals(review).filter((c) => c.findings > 0);
  if (totals.length) {
    head.push('| codemod | findings | fixed | files changed |', '|---|--:|--:|--:|');
    for (const c of totals) head.push(`| ${tick(c.name)} | ${c.findings} | ${c.fixed} | ${c.filesChanged} |`);
    head.push('');
  }
  const modules = perModule(review, blocks);
  if (modules.length) {
    head.push('| module | files changed | lines added | lines removed |', '|---|--:|--:|--:|');
    // A monorepo has many modules: the table takes at most a share of the comment.
    let room = Math.floor(limit * MODULES_SHARE);
    let shown = 0;
    for (const m of modules) {
      const row = `| ${tick(m.name)} | ${m.files} | +${m.added} | −${m.removed} |`;
      if (row.length + 1 > room) break;
      head.push(row);
      room -= row.length + 1;
      shown++;
    }
    if (shown < modules.length) head.push(`| … and ${modules.length - shown} more modules | | | |`);
    head.push('');
  }
  const notes: string[] = [];
  files.forEach((f, fi) => {
    const r = results[fi];
    for (const e of r.errors) notes.push(`- ${tick(vetLine(f.diffPath, e.line, e.column, `error: ${e.message}`, e.codemod))}`);
    for (const n of r.notes) notes.push(`- ${tick(vetLine(f.diffPath, n.line, n.column, `note: ${n.message}`, n.codemod))}`);
    for (const finding of f.findings) if (!finding.fixed) notes.push(`- ${tick(vetLine(f.diffPath, finding.line, finding.column, finding.message, finding.codemod))} (no automatic fix)`);
  });
  for (const p of s.problems) notes.push(`- ${tick(`${p.path}: error: ${p.message}`)}`);
  if (notes.length) {
    head.push('#### Notes, errors and findings without a fix', '');
    let room = Math.floor(limit * NOTES_SHARE);
    let shown = 0;
    for (const n of notes) {
      if (n.length + 1 > room) break;
      head.push(n);
      room -= n.length + 1;
      shown++;
    }
    if (shown < notes.length) head.push(`- … and ${notes.length - shown} more (see the job's log or --format json)`);
    head.push('');
  }
  if (blocks.length) head.push('#### Changes', '');

  let out = head.join('\n') + '\n';
  const leftOut: FileBlock[] = [];
  for (const b of blocks) {
    if (out.length + b.text.length + TRAILER <= limit) out += b.text;
    else leftOut.push(b);
  }
  if (leftOut.length) out += trailer(leftOut, limit - out.length);
  return out;
}

/** Names the files left out, as many as fit in `room`. */
function trailer(leftOut: FileBlock[], room: number): string {
  const lines = [`**${plural(leftOut.length, 'file')} left out** to keep this comment within GitHub's ${MAX_COMMENT.toLocaleString('en-US')} characters (run gocodemod locally, or use --output-dir for patches):`, ''];
  let used = lines.join('\n').length + 1;
  let shown = 0;
  for (const b of leftOut) {
    const line = `- ${tick(b.diffPath)} (+${b.added} −${b.removed})`;
    // Keep room for the last "and N more" line.
    if (used + line.length + 1 + 60 > room) break;
    lines.push(line);
    used += line.length + 1;
    shown++;
  }
  if (shown < leftOut.length) lines.push(`- … and ${leftOut.length - shown} more`);
  return '\n' + lines.join('\n') + '\n';
}

function fileBlocks(review: Review): FileBlock[] {
  const codemodsOf = new Map<number, Set<string>>();
  for (const c of review.changes.changes) {
    for (const r of c.regions) {
      let set = codemodsOf.get(r.file);
      if (!set) codemodsOf.set(r.file, (set = new Set()));
      for (const name of c.codemods) set.add(name);
    }
  }
  const blocks: FileBlock[] = [];
  review.files.forEach((f, fi) => {
    if (f.output === f.original) return;
    const { ops } = lineDiff(f.original, f.output);
    const added = ops.filter((o) => o.op === '+').length;
    const removed = ops.filter((o) => o.op === '-').length;
    const diff = unifiedDiff(f.diffPath, f.original, f.output);
    const longest = Math.max(2, ...(diff.match(/`+/g) ?? []).map((m) => m.length));
    const fence = '`'.repeat(longest + 1);
    const by = [...(codemodsOf.get(fi) ?? [])].join(', ');
    const text = `<details><summary>${code(f.diffPath)}: +${added} −${removed}${by ? ` (${html(by)})` : ''}</summary>\n\n${fence}diff\n${diff}${fence}\n\n</details>\n`;
    blocks.push({ diffPath: f.diffPath, added, removed, text });
  });
  return blocks;
}

function perModule(review: Review, blocks: FileBlock[]): { name: string; files: number; added: number; removed: number }[] {
  const workspace = new Workspace();
  const byPath = new Map(blocks.map((b) => [b.diffPath, b]));
  const modules = new Map<string, { name: string; files: number; added: number; removed: number }>();
  for (const f of review.files) {
    const b = byPath.get(f.diffPath);
    if (!b) continue;
    const name = workspace.moduleOf(dirname(f.abs))?.path ?? '(no module)';
    const m = modules.get(name) ?? { name, files: 0, added: 0, removed: 0 };
    m.files++;
    m.added += b.added;
    m.removed += b.removed;
    modules.set(name, m);
  }
  return [...modules.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}
