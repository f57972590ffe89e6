/** Output formats: unified diffs with git headers, go vet style lines, the run summary. */
import type { FileResult, RunSummary } from '../run/runner.js';

export interface Colors {
  enabled: boolean;
}

const paint = (c: Colors, code: string, s: string) => (c.enabled ? `\x1b[${code}m${s}\x1b[0m` : s);

/** A git-style unified diff, which `git apply` takes (paths relative to the current directory). */
export { diffHeader, unifiedDiff } from './unified-diff.js';

export function colorizeDiff(diff: string, colors: Colors): string {
  if (!colors.enabled) return diff;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git') || line.startsWith('--- ') || line.startsWith('+++ ')) return paint(colors, '1', line);
      if (line.startsWith('@@')) return paint(colors, '36', line);
      if (line.startsWith('+')) return paint(colors, '32', line);
      if (line.startsWith('-')) return paint(colors, '31', line);
      return line;
    })
    .join('\n');
}

/** `path:line:col: message (codemod)`, as go vet prints. */
export function vetLine(path: string, line: number | undefined, column: number | undefined, message: string, codemod?: string): string {
  const pos = line ? (column ? `:${line}:${column}` : `:${line}`) : '';
  return `${path}${pos}: ${message}${codemod ? ` (${codemod})` : ''}`;
}

/**
 * Errors and notes of one file, for stderr. Codemod crashes are left out: they are printed
 * once per codemod with their stack (src/output/crash-report.ts).
 */
export function problemLines(r: FileResult): string[] {
  const out: string[] = [];
  for (const e of r.errors) if (!e.crash) out.push(vetLine(r.path, e.line, e.column, `error: ${e.message}`, e.codemod));
  for (const n of r.notes) out.push(vetLine(r.path, n.line, n.column, `note: ${n.message}`, n.codemod));
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `how` names the kind of run in the last line (default: from the mode). */
export function summaryText(s: RunSummary, mode: 'diff' | 'write' | 'check', colors: Colors, how?: string): string {
  const lines: string[] = [];
  const changedWord = mode === 'write' ? 'changed' : 'to change';
  lines.push(
    `gocodemod: ${plural(s.scanned, 'file')} scanned, ${s.changed} ${changedWord}, ${s.unchanged} unchanged` +
      (s.errorFiles ? `, ${paint(colors, '31', plural(s.errorFiles, 'error'))}` : ''),
  );
  if (s.skipped.size) {
    const parts = [...s.skipped.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([reason, n]) => `${reason} ${n}`);
    lines.push(`  skipped: ${parts.join(', ')}`);
  }
  if (s.changesByCodemod.size) {
    lines.push(`  changes: ${[...s.changesByCodemod.entries()].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  }
  if (s.suppressedByCodemod.size) {
    lines.push(`  suppressed by //gocodemod:ignore: ${[...s.suppressedByCodemod.entries()].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  }
  if (s.writeGroups) {
    lines.push(`  write groups: ${s.writeGroups} (files ${mode === 'write' ? 'written' : 'that --write writes'} all or none: joined by a fix, or needing their go.mod's new go line)`);
  }
  for (const p of s.problems) lines.push(`  ${paint(colors, '31', 'error')}: ${p.path}: ${p.message}`);
  for (const n of s.notes) lines.push(`  note: ${n.path}: ${n.message}`);
  const kind = (how ?? (mode === 'diff' ? 'dry run; --write applies it' : mode === 'check' ? 'check' : 'written')) + (s.interrupted ? '; interrupted' : '');
  lines.push(`  ${(s.elapsedMs / 1000).toFixed(2)}s (${kind})`);
  return lines.join('\n') + '\n';
}
