/**
 * For the review-format tests: schema validators, git repositories, and appliers that read
 * each format's fixes back into file texts, independently of the code that wrote them.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const root = join(import.meta.dirname, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

function strictFormats<T extends { addFormat: unknown }>(ajv: T): T {
  (addFormats as unknown as (a: T) => void)(ajv);
  return ajv;
}

export function reportValidator(): ValidateFunction {
  const ajv = strictFormats(new Ajv2020({ allErrors: true, strict: true }));
  return ajv.compile(readJson(join(root, 'docs', 'json-schema.json')));
}

export function sarifValidator(): ValidateFunction {
  // The OASIS schema is draft-04; it uses keywords strict mode would reject as unknown.
  const ajv = strictFormats(new (AjvDraft04 as unknown as typeof Ajv2020)({ allErrors: true, strict: false }));
  return ajv.compile(readJson(join(root, 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json')));
}

export function rdjsonValidator(): ValidateFunction {
  const ajv = strictFormats(new (AjvDraft04 as unknown as typeof Ajv2020)({ allErrors: true, strict: false }));
  return ajv.compile(readJson(join(root, 'test', 'fixtures', 'schemas', 'reviewdog-DiagnosticResult.json')));
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

/** Makes `dir` a git repository with everything in it committed. */
export function gitRepo(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'original');
}

/** Every regular file below `dir` (no .git), relative path -> text. */
export function treeTexts(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out.set(relative(dir, abs), readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** UTF-16 offset of a 1-based line and column; `bytes`: the column counts UTF-8 bytes. */
export function offsetAt(text: string, line: number, column: number, bytes: boolean): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) throw new Error(`line ${line} is past the end`);
    start = nl + 1;
  }
  if (!bytes) return start + column - 1;
  let off = start;
  let b = 1;
  while (b < column) {
    const cp = text.codePointAt(off)!;
    b += Buffer.byteLength(String.fromCodePoint(cp), 'utf8');
    off += cp > 0xffff ? 2 : 1;
  }
  if (b !== column) throw new Error(`column ${column} of line ${line} is inside a character`);
  return off;
}

/** Applies non-overlapping replacements per file to the texts read from disk. */
export function applyAll(files: Map<string, Replacement[]>, read: (abs: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [abs, reps] of files) {
    let text = read(abs);
    const sorted = [...reps].sort((a, b) => b.start - a.start || b.end - a.end);
    for (let i = 1; i < sorted.length; i++) if (sorted[i].end > sorted[i - 1].start) throw new Error(`${abs}: overlapping replacements`);
    for (const r of sorted) text = text.slice(0, r.start) + r.text + text.slice(r.end);
    out.set(abs, text);
  }
  return out;
}

const push = (m: Map<string, Replacement[]>, abs: string, r: Replacement) => {
  const list = m.get(abs) ?? [];
  list.push(r);
  m.set(abs, list);
};

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The json format's changes: offsets in the files as read, paths relative to `cwd`. */
export function jsonEdits(report: any, cwd: string): Map<string, Replacement[]> {
  const m = new Map<string, Replacement[]>();
  for (const c of report.changes) for (const e of c.edits) push(m, resolve(cwd, e.path), { start: e.start, end: e.end, text: e.text });
  return m;
}

/** SARIF fixes: line/column regions (UTF-16 columns), URIs relative to %SRCROOT%. */
export function sarifEdits(log: any): Map<string, Replacement[]> {
  const m = new Map<string, Replacement[]>();
  const run = log.runs[0];
  if (run.columnKind !== 'utf16CodeUnits') throw new Error('expected UTF-16 columns');
  const base = fileURLToPath(run.originalUriBaseIds['%SRCROOT%'].uri);
  for (const result of run.results) {
    for (const fix of result.fixes ?? []) {
      for (const change of fix.artifactChanges) {
        const abs = resolve(base, decodeURIComponent(change.artifactLocation.uri));
        const text = readFileSync(abs, 'utf8');
        for (const r of change.replacements) {
          const d = r.deletedRegion;
          push(m, abs, { start: offsetAt(text, d.startLine, d.startColumn, false), end: offsetAt(text, d.endLine, d.endColumn, false), text: r.insertedContent?.text ?? '' });
        }
      }
    }
  }
  return m;
}

/** rdjson suggestions: byte columns, paths relative to the directory reviewdog runs in. */
export function rdjsonEdits(result: any, cwd: string): Map<string, Replacement[]> {
  const m = new Map<string, Replacement[]>();
  for (const d of result.diagnostics) {
    const abs = resolve(cwd, d.location.path);
    for (const s of d.suggestions ?? []) {
      const text = readFileSync(abs, 'utf8');
      push(m, abs, { start: offsetAt(text, s.range.start.line, s.range.start.column, true), end: offsetAt(text, s.range.end.line, s.range.end.column, true), text: s.text });
    }
  }
  return m;
}
