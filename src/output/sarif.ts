/**
 * `--format sarif`: SARIF 2.1.0 (OASIS, errata 01), one run, one rule per codemod of the run,
 * one result per finding. Each change (changes.ts) rides as `fixes` on its first finding:
 * `artifactChanges` with `replacements` whose regions are in the file as read, so applying
 * every result's fix gives exactly what `--write` writes.
 *
 * GitHub code scanning takes the file as it is: paths are relative to the repository root
 * (`uriBaseId` %SRCROOT%), every result has a `ruleId`, a message and a location with a start
 * line; at most 25,000 results in a run (the rest are left out, and a notification says how
 * many); one location per result, two tags per rule. Columns count UTF-16 code units
 * (`columnKind`), as GitHub and SARIF's default assume.
 */
import type * as Sarif from 'sarif';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SUPPRESSION_FINDING } from '../engine/suppressions.js';
import type { Finding } from '../engine/engine.js';
import { lineAttached, Positions } from './edit-shapes.js';
import { type Review, type ReviewCodemod } from './report.js';
import { findingKey, type Change } from './changes.js';
import { codemodHelpUri } from './links.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** GitHub code scanning rejects a run with more results (its documented hard limit). */
export const MAX_RESULTS = 25_000;
const SRCROOT = '%SRCROOT%';

/** A relative path as a URI reference: each segment percent-encoded. */
export function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function rule(c: ReviewCodemod): Sarif.ReportingDescriptor {
  const help = c.readme ? readText(c.readme) : undefined;
  const out: Sarif.ReportingDescriptor = {
    id: c.name,
    name: c.name,
    shortDescription: { text: c.description },
    fullDescription: { text: c.description },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['gocodemod', c.file ? 'user-codemod' : 'built-in'] },
  };
  const uri = codemodHelpUri(c);
  if (uri) out.helpUri = uri;
  if (help) out.help = { text: help, markdown: help };
  return out;
}

/** The rule of `//gocodemod:ignore` comments that are malformed or (when asked) suppress nothing. */
function suppressionRule(): Sarif.ReportingDescriptor {
  const text = '//gocodemod:ignore comments that cannot apply (no reason, no codemod names, no line below) or, with --report-unused-suppressions, that suppressed nothing';
  return {
    id: SUPPRESSION_FINDING,
    name: 'gocodemod-ignore',
    shortDescription: { text: 'A //gocodemod:ignore comment to fix' },
    fullDescription: { text },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['gocodemod', 'suppression'] },
  };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function renderSarif(review: Review): string {
  return JSON.stringify(buildSarif(review), null, 2) + '\n';
}

export function buildSarif(review: Review): Sarif.Log {
  const { record, files, results: fileResults, changes } = review;
  // Malformed or unused //gocodemod:ignore comments are findings of a pseudo-codemod: a rule too.
  const rules = record.codemods.map(rule);
  if (fileResults.some((r) => r.findings.some((f) => f.codemod === SUPPRESSION_FINDING))) rules.push(suppressionRule());
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const positions = files.map((f) => new Positions(f.original));
  const location = (file: number, start: number, end: number): Sarif.Location => {
    const a = positions[file].utf16(start);
    const b = positions[file].utf16(Math.max(start, end));
    return {
      physicalLocation: {
        artifactLocation: { uri: uriOf(files[file].diffPath), uriBaseId: SRCROOT },
        region: { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column },
      },
    };
  };
  const fixOf = (change: Change, message: string): Sarif.Fix => {
    const byFile = new Map<number, Sarif.Replacement[]>();
    for (const r of change.regions) {
      const e = lineAttached(files[r.file].original, r);
      const a = positions[r.file].utf16(e.start);
      const b = positions[r.file].utf16(e.end);
      let list = byFile.get(r.file);
      if (!list) byFile.set(r.file, (list = []));
      list.push({ deletedRegion: { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column }, insertedContent: { text: e.text } });
    }
    return {
      description: { text: message },
      artifactChanges: [...byFile].map(([file, replacements]) => ({ artifactLocation: { uri: uriOf(files[file].diffPath), uriBaseId: SRCROOT }, replacements })),
    };
  };
  // The first finding of each change carries its fix.
  const carrier = new Map<string, Change>();
  for (const c of changes.changes) if (c.findings.length) carrier.set(findingKey(c.findings[0]), c);

  const results: Sarif.Result[] = [];
  files.forEach((f, fi) => {
    const live = fileResults[fi].status === 'changed';
    f.findings.forEach((finding: Finding, index) => {
      const result: Sarif.Result = {
        ruleId: finding.codemod,
        message: { text: finding.message },
        level: finding.fixed && live ? 'warning' : 'note',
        locations: [location(fi, finding.offset, finding.endOffset)],
      };
      const ri = ruleIndex.get(finding.codemod);
      if (ri !== undefined) result.ruleIndex = ri;
      const change = carrier.get(findingKey({ file: fi, index }));
      if (change) result.fixes = [fixOf(change, finding.fix?.message ?? finding.message)];
      results.push(result);
    });
  });
  // Suppressed findings: results with SARIF's in-source suppression, its justification the
  // comment's reason (GitHub code scanning then shows them as dismissed, not as alerts).
  files.forEach((f, fi) => {
    for (const x of fileResults[fi].suppressed) {
      const result: Sarif.Result = {
        ruleId: x.codemod,
        message: { text: x.message },
        level: 'note',
        locations: [location(fi, x.offset, x.endOffset)],
        suppressions: [{ kind: 'inSource', status: 'accepted', justification: x.by.reason, location: { physicalLocation: { artifactLocation: { uri: uriOf(record.paths.of(resolve(record.cwd, x.by.path), x.by.path)), uriBaseId: SRCROOT }, region: { startLine: x.by.line } } } }],
      };
      const ri = ruleIndex.get(x.codemod);
      if (ri !== undefined) result.ruleIndex = ri;
      results.push(result);
    }
  });
  // A change no finding claims (it cannot be attributed): a result of its own, so that the
  // fixes still add up to the whole --write result.
  for (const c of changes.changes) {
    if (c.findings.length) continue;
    const r = c.regions[0];
    const codemod = [...fileResults[r.file].changes.keys()][0] ?? record.codemods[0]?.name ?? 'gocodemod';
    const result: Sarif.Result = { ruleId: codemod, message: { text: 'gocodemod changes these lines' }, level: 'warning', locations: [location(r.file, r.start, r.end)], fixes: [fixOf(c, 'apply the change')] };
    const ri = ruleIndex.get(codemod);
    if (ri !== undefined) result.ruleIndex = ri;
    results.push(result);
  }

  const notifications: Sarif.Notification[] = [];
  for (const [fi, r] of fileResults.entries()) {
    for (const e of r.errors) notifications.push(notification('error', e.message, files[fi].diffPath, e.line));
  }
  for (const p of record.summary.problems) notifications.push({ level: 'error', message: { text: `${p.path}: ${p.message}` } });
  if (results.length > MAX_RESULTS) {
    notifications.push({ level: 'warning', message: { text: `${results.length - MAX_RESULTS} of ${results.length} results left out: GitHub code scanning takes at most ${MAX_RESULTS} per run` } });
    results.length = MAX_RESULTS;
  }
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'gocodemod',
        version: record.toolVersion,
        semanticVersion: record.toolVersion,
        rules,
      },
    },
    originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(record.paths.base).href.replace(/\/?$/, '/') } },
    columnKind: 'utf16CodeUnits',
    invocations: [{ executionSuccessful: !record.summary.interrupted, toolExecutionNotifications: notifications }],
    results,
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

function notification(level: 'error' | 'note', text: string, path: string, line: number | undefined): Sarif.Notification {
  const region = line ? { region: { startLine: line } } : {};
  return { level, message: { text }, locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(path), uriBaseId: SRCROOT }, ...region } }] };
}
