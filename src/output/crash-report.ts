/**
 * Codemod crashes, printed once per codemod and distinct error with the files it failed
 * on, not once per file: a codemod that throws on every file of a monorepo is one bug, and
 * its stack (mapped to the author's source by src/engine/crash.ts) is what the author needs.
 * The per-file errors stay in the results (and in the `test` command's failures).
 */
import { isAbsolute } from 'node:path';
import { displayFile } from './paths.js';
import type { CodemodCrash, CrashFrame } from '../engine/crash.js';
import type { Problem } from '../engine/engine.js';

/** How many of a crash's files are named; the rest are counted. */
const FILES_SHOWN = 3;

interface Group {
  codemod: string;
  crash: CodemodCrash;
  files: string[];
}

export class CrashReport {
  private readonly groups = new Map<string, Group>();

  /** Takes the crashes among a file's errors. */
  add(path: string, errors: readonly Problem[]): void {
    for (const e of errors) {
      if (!e.crash) continue;
      const codemod = e.codemod ?? '?';
      const top = e.crash.frames[0];
      const key = JSON.stringify([codemod, e.crash.error, top?.file, top?.line, top?.column]);
      let g = this.groups.get(key);
      if (!g) this.groups.set(key, (g = { codemod, crash: e.crash, files: [] }));
      if (!g.files.includes(path)) g.files.push(path);
    }
  }

  get size(): number {
    return this.groups.size;
  }

  /** The report: per crash, a headline with the count and the first files, the error, its stack. */
  text(cwd: string): string {
    const out: string[] = [];
    for (const g of this.groups.values()) {
      const n = g.files.length;
      const shown = g.files.slice(0, FILES_SHOWN).join(', ') + (n > FILES_SHOWN ? ` and ${n - FILES_SHOWN} more` : '');
      out.push(`gocodemod: codemod ${g.codemod} crashed on ${n} file${n === 1 ? '' : 's'} (${shown}); they are left as they were:`);
      out.push(...crashLines(g.crash, cwd).map((l) => '    ' + l));
    }
    return out.length ? out.join('\n') + '\n' : '';
  }
}

/** The error and its stack, one frame a line: `at run (time-since.ts:14:22)`, paths relative to cwd. */
export function crashLines(crash: CodemodCrash, cwd: string): string[] {
  const lines = crash.error.split('\n');
  // A recursion shows one frame many times: once, with the count.
  let last = '';
  let repeats = 0;
  const flush = () => {
    if (repeats) lines[lines.length - 1] += ` (${repeats + 1} times)`;
    repeats = 0;
  };
  for (const f of crash.frames) {
    const text = '    at ' + frameText(f, cwd);
    if (text === last) {
      repeats++;
      continue;
    }
    flush();
    lines.push(text);
    last = text;
  }
  flush();
  return lines;
}

function frameText(f: CrashFrame, cwd: string): string {
  const where = f.file ? `${isAbsolute(f.file) ? displayFile(f.file, cwd) : f.file}:${f.line}:${f.column}` : (f.raw ?? '<unknown>');
  return f.fn ? `${f.fn} (${where})` : where;
}
