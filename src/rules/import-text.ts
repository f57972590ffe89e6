/**
 * A file's imports read from its text with the top-level lexer (`SourceFile.topLevel`), not
 * from its tree: a rule asks "does this file import io/ioutil, and under what name?" of every
 * file holding its needle, and parsing each of them for that would cost more than all the
 * rest of its work. Falls back to the tree when the lexer could not read the file.
 */
import type { SourceFile } from '../go/codemod.js';
import { assumedName, listImports } from '../go/import-specs.js';
import { skipLiteral } from './metavars.js';

export interface TextImport {
  path: string;
  /** The explicit name ('.' and '_' included); undefined when there is none. */
  name: string | undefined;
  /** The name `name.X` uses; undefined for dot and blank imports. */
  qualifier: string | undefined;
}

const SPEC = /(?:([\p{L}_][\p{L}\p{Nd}_]*|\.)[ \t]*)?("(?:[^"\\\n]|\\.)*"|`[^`]*`)/gu;

export function importsOf(file: Pick<SourceFile, 'source' | 'topLevel' | 'tree'>): TextImport[] {
  const top = file.topLevel;
  if (!top.ok) return listImports(file).map(({ path, name, qualifier }) => ({ path, name, qualifier }));
  const out: TextImport[] = [];
  for (const d of top.decls) {
    if (d.keyword !== 'import') continue;
    const text = withoutComments(file.source.slice(d.start + 'import'.length, d.end));
    for (const m of text.matchAll(SPEC)) {
      const quoted = m[2];
      const path = quoted[0] === '`' ? quoted.slice(1, -1) : quoted.slice(1, -1).replace(/\\(["\\])/g, '$1');
      const name = m[1];
      out.push({ path, name, qualifier: name === undefined ? assumedName(path) : name === '.' || name === '_' ? undefined : name });
    }
  }
  return out;
}

/** The text with its comments blanked (strings kept). */
function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const end = skipLiteral(text, i);
    if (end > i) {
      const comment = text[i] === '/';
      out += comment ? ' '.repeat(end - i) : text.slice(i, end);
      i = end;
    } else out += text[i++];
  }
  return out;
}
