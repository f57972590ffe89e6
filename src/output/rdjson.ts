/**
 * `--format rdjson`: reviewdog's Diagnostic Format (a `DiagnosticResult`, see
 * reviewdog/proto/rdf), for `reviewdog -f=rdjson -reporter=github-pr-review`, which posts each
 * suggestion as a GitHub suggested change.
 *
 * reviewdog posts one comment per diagnostic and needs every suggestion of a diagnostic on the
 * comment's lines, so each region of a change (changes.ts) is a diagnostic of its own with one
 * suggestion: the finding that carries the change gets its first region, the change's other
 * regions (an import the fix adds) follow as diagnostics that say which fix they belong to.
 * Paths are relative to the current directory, as reviewdog reads them; columns count UTF-8
 * bytes (rdf.Position). Applying every suggestion gives exactly what `--write` writes.
 */
import type { Finding } from '../engine/engine.js';
import { findingKey, type Change, type Region } from './changes.js';
import { lineAttached, Positions } from './edit-shapes.js';
import type { Review } from './report.js';

interface RdPosition {
  line: number;
  column: number;
}
interface RdRange {
  start: RdPosition;
  end: RdPosition;
}
export interface RdDiagnostic {
  message: string;
  location: { path: string; range: RdRange };
  severity: 'WARNING' | 'INFO';
  source: { name: string };
  code: { value: string };
  suggestions?: { range: RdRange; text: string }[];
}
export interface RdResult {
  source: { name: string };
  diagnostics: RdDiagnostic[];
}

export function renderRdjson(review: Review): string {
  return JSON.stringify(buildRdjson(review), null, 2) + '\n';
}

export function buildRdjson(review: Review): RdResult {
  const { files, results, changes } = review;
  const positions = files.map((f) => new Positions(f.original));
  const range = (file: number, start: number, end: number): RdRange => ({ start: positions[file].bytes(start), end: positions[file].bytes(Math.max(start, end)) });
  const suggestion = (r: Region) => {
    const e = lineAttached(files[r.file].original, r);
    return { range: range(r.file, e.start, e.end), text: e.text };
  };
  const diagnostic = (file: number, codemod: string, message: string, start: number, end: number, severity: RdDiagnostic['severity']): RdDiagnostic => ({
    message,
    location: { path: files[file].path, range: range(file, start, end) },
    severity,
    source: { name: 'gocodemod' },
    code: { value: codemod },
  });
  /** The change's first region in the finding's file (the one the comment goes on), then the rest. */
  const ordered = (c: Change, file: number, offset: number): Region[] => {
    const own = c.regions.filter((r) => r.file === file);
    const first = own.find((r) => r.start <= offset && offset <= r.end) ?? own[0] ?? c.regions[0];
    return [first, ...c.regions.filter((r) => r !== first)];
  };
  const rest = (c: Change, regions: Region[], codemod: string, message: string): RdDiagnostic[] =>
    regions.map((r, i) => ({
      ...diagnostic(r.file, codemod, `${message} (part ${i + 2} of ${regions.length + 1} of one fix: apply them together)`, r.start, r.end, 'WARNING'),
      suggestions: [suggestion(r)],
    }));

  const carrier = new Map<string, Change>();
  for (const c of changes.changes) if (c.findings.length) carrier.set(findingKey(c.findings[0]), c);
  const diagnostics: RdDiagnostic[] = [];
  files.forEach((f, fi) => {
    const live = results[fi].status === 'changed';
    f.findings.forEach((finding: Finding, index) => {
      const d = diagnostic(fi, finding.codemod, finding.message, finding.offset, finding.endOffset, finding.fixed && live ? 'WARNING' : 'INFO');
      const change = carrier.get(findingKey({ file: fi, index }));
      if (!change) {
        diagnostics.push(d);
        return;
      }
      const [first, ...others] = ordered(change, fi, finding.offset);
      diagnostics.push({ ...d, suggestions: [suggestion(first)] }, ...rest(change, others, finding.codemod, finding.message));
    });
  });
  for (const c of changes.changes) {
    if (c.findings.length) continue;
    const [first, ...others] = c.regions;
    const codemod = [...results[first.file].changes.keys()][0] ?? 'gocodemod';
    diagnostics.push({ ...diagnostic(first.file, codemod, 'gocodemod changes these lines', first.start, first.end, 'WARNING'), suggestions: [suggestion(first)] });
    diagnostics.push(...rest(c, others, codemod, 'gocodemod changes these lines'));
  }
  return { source: { name: 'gocodemod' }, diagnostics };
}
