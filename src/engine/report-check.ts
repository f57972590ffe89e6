/**
 * What `ctx.report` accepts, checked where a codemod hands it over: a report is read once,
 * field by field, into plain data the engine owns (a getter or proxy cannot change it later),
 * and anything of the wrong shape is described by the field that is wrong, e.g.
 * `fixes[0].edits: expected an array of edits, got undefined`.
 */
import type { Edit, Fix } from '../go/codemod.js';

/** A report as the engine keeps it: `file` is a path (or absent: the codemod's file). */
export interface CheckedReport {
  file?: string;
  start: number;
  end: number;
  message: string;
  fixes: Fix[];
}

class Bad extends Error {}

/** The report as data, or a message naming the field that is wrong. */
export function checkReport(r: unknown): { ok: true; report: CheckedReport } | { ok: false; message: string } {
  try {
    return { ok: true, report: readReport(r) };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, message: e.message };
    return { ok: false, message: `the report cannot be read: ${e instanceof Error ? e.message : 'it throws'}` };
  }
}

function readReport(r: unknown): CheckedReport {
  if (!isObject(r)) throw new Bad(`expected a report { start, end, message, fixes? }, got ${shown(r)}`);
  const file = r.file;
  let path: string | undefined;
  if (typeof file === 'string') path = file;
  else if (isObject(file) && typeof file.path === 'string') path = file.path;
  else if (file !== undefined) throw new Bad(`file: expected a SourceFile of ctx.files or its path, got ${shown(file)}`);
  const start = offset(r.start, 'start');
  const end = offset(r.end, 'end');
  if (end < start) throw new Bad(`end: ${end} is before start ${start}`);
  const message = r.message;
  if (typeof message !== 'string') throw new Bad(`message: expected a string, got ${shown(message)}`);
  const fixes = r.fixes;
  if (fixes !== undefined && !Array.isArray(fixes)) throw new Bad(`fixes: expected an array of fixes, got ${shown(fixes)}`);
  return { file: path, start, end, message, fixes: (fixes ?? []).map((f: unknown, i: number) => readFix(f, `fixes[${i}]`)) };
}

function readFix(f: unknown, at: string): Fix {
  if (!isObject(f)) throw new Bad(`${at}: expected a fix { message, edits }, got ${shown(f)}`);
  const message = f.message;
  if (typeof message !== 'string') throw new Bad(`${at}.message: expected a string, got ${shown(message)}`);
  const edits = f.edits;
  if (!Array.isArray(edits)) throw new Bad(`${at}.edits: expected an array of edits { start, end, text }, got ${shown(edits)}`);
  return { message, edits: edits.map((e: unknown, j: number) => readEdit(e, `${at}.edits[${j}]`)) };
}

function readEdit(e: unknown, at: string): Edit {
  if (!isObject(e)) throw new Bad(`${at}: expected an edit { start, end, text }, got ${shown(e)}`);
  const start = offset(e.start, `${at}.start`);
  const end = offset(e.end, `${at}.end`);
  if (end < start) throw new Bad(`${at}.end: ${end} is before start ${start}`);
  const text = e.text;
  if (typeof text !== 'string') throw new Bad(`${at}.text: expected a string, got ${shown(text)}`);
  const file = e.file;
  if (file !== undefined && typeof file !== 'string') throw new Bad(`${at}.file: expected a path (string), got ${shown(file)}`);
  return file === undefined ? { start, end, text } : { start, end, text, file };
}

function offset(x: unknown, at: string): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw new Bad(`${at}: expected an offset (a whole number >= 0), got ${shown(x)}`);
  return x;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function shown(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  switch (typeof x) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(x);
    case 'function':
      return 'a function';
    default:
      return `a ${typeof x}`;
  }
}
