/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding, error and
 * note (`::warning file=P,line=L,col=C,endLine=L2,endColumn=C2,title=T::message`), escaped as
 * GitHub's toolkit escapes them (actions/toolkit, command.ts): `%`, CR and LF in the message;
 * those and `:` and `,` in properties. Paths are from the repository root (GitHub resolves
 * them in the workspace); columns count UTF-16 units and are given only when a range stays on
 * one line, as GitHub requires.
 *
 * GitHub shows at most 10 annotations of each kind (error, warning, notice) per step and drops
 * the rest without a word; past 10 of a kind, the rest are printed as plain `path:line:col:`
 * lines, and a last notice says how many were left out and where to find them.
 */
import { findingKey, type Change } from './changes.js';
import { Positions } from './edit-shapes.js';
import type { Review } from './report.js';
import { vetLine } from './printers.js';

export const ANNOTATIONS_PER_KIND = 10;
/** Lines of a change shown in its annotation. */
const CHANGE_LINES = 12;

type Kind = 'error' | 'warning' | 'notice';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Annotation {
  kind: Kind;
  file?: string;
  /** go vet style, for the plain line when the annotation is left out. */
  vet: string;
  line?: number;
  col?: number;
  endLine?: number;
  endColumn?: number;
  title: string;
  message: string;
}

export function command(a: Annotation): string {
  const props: [string, string | number | undefined][] = [
    ['file', a.file],
    ['line', a.line],
    ['col', a.col],
    ['endLine', a.endLine],
    ['endColumn', a.endColumn],
    ['title', a.title],
  ];
  const list = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${a.kind} ${list.join(',')}::${escapeData(a.message)}`;
}

/** The lines a change takes out and puts in, for an annotation's message. */
function changeText(review: Review, c: Change): string {
  const lines: string[] = [];
  for (const r of c.regions) {
    const f = review.files[r.file];
    const old = f.original.slice(r.start, r.end).replace(/\n$/, '');
    const now = r.text.replace(/\n$/, '');
    if (c.regions.length > 1 || r.file !== c.findings[0]?.file) lines.push(`${f.diffPath}:${r.oldFrom + 1}:`);
    if (r.end > r.start) lines.push(...old.split('\n').map((l) => '-' + l));
    if (r.text !== '') lines.push(...now.split('\n').map((l) => '+' + l));
  }
  const shown = lines.slice(0, CHANGE_LINES);
  if (lines.length > shown.length) shown.push(`... ${lines.length - shown.length} more lines`);
  return shown.join('\n');
}

export function renderGithub(review: Review): string {
  const { files, results, changes } = review;
  const carrier = new Map<string, Change>();
  for (const c of changes.changes) if (c.findings.length) carrier.set(findingKey(c.findings[0]), c);
  const annotations: Annotation[] = [];
  files.forEach((f, fi) => {
    const positions = new Positions(f.original);
    const live = results[fi].status === 'changed';
    const at = (start: number, end: number) => {
      const a = positions.utf16(start);
      const b = positions.utf16(Math.max(start, end));
      return a.line === b.line ? { line: a.line, col: a.column, endLine: b.line, endColumn: b.column } : { line: a.line, endLine: b.line };
    };
    f.findings.forEach((finding, index) => {
      const change = carrier.get(findingKey({ file: fi, index }));
      const fixed = finding.fixed && live;
      const message = change ? `${finding.message}\ngocodemod changes it to:\n${changeText(review, change)}` : fixed ? `${finding.message} (changed together with another finding's fix)` : finding.message;
      annotations.push({
        kind: fixed ? 'warning' : 'notice',
        file: f.diffPath,
        vet: vetLine(f.path, finding.line, finding.column, finding.message, finding.codemod),
        ...at(finding.offset, finding.endOffset),
        title: `gocodemod: ${finding.codemod}`,
        message,
      });
    });
    const r = results[fi];
    for (const [kind, list] of [['error', r.errors], ['notice', r.notes]] as const) {
      for (const p of list) {
        annotations.push({
          kind,
          file: f.diffPath,
          vet: vetLine(f.path, p.line, p.column, `${kind === 'error' ? 'error' : 'note'}: ${p.message}`, p.codemod),
          ...(p.line ? { line: p.line } : {}),
          title: `gocodemod${p.codemod ? ': ' + p.codemod : ''} ${kind === 'error' ? 'error' : 'note'}`,
          message: p.message,
        });
      }
    }
  });
  for (const p of review.record.summary.problems) annotations.push({ kind: 'error', vet: `${p.path}: error: ${p.message}`, title: 'gocodemod error', message: `${p.path}: ${p.message}` });
  return limitAnnotations(annotations).join('\n') + (annotations.length ? '\n' : '');
}

/** At most 10 of a kind as commands; the rest as plain lines, counted in a last notice. */
function limitAnnotations(annotations: Annotation[]): string[] {
  const total = (k: Kind) => annotations.filter((a) => a.kind === k).length;
  const over = (['error', 'warning', 'notice'] as const).some((k) => total(k) > ANNOTATIONS_PER_KIND);
  const room: Record<Kind, number> = { error: ANNOTATIONS_PER_KIND, warning: ANNOTATIONS_PER_KIND, notice: over ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND };
  const out: string[] = [];
  let left = 0;
  for (const a of annotations) {
    if (room[a.kind] > 0) {
      room[a.kind]--;
      out.push(command(a));
    } else {
      left++;
      out.push(a.vet);
    }
  }
  if (left) {
    out.push(
      command({
        kind: 'notice',
        vet: '',
        title: 'gocodemod',
        message: `${left} more annotation${left === 1 ? '' : 's'} left out (GitHub shows ${ANNOTATIONS_PER_KIND} of each kind per step): they are in this step's log as path:line:col lines; --format sarif or markdown has them all`,
      }),
    );
  }
  return out;
}
