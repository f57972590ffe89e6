/**
 * The imports of a Go file as its syntax tree has them: paths, explicit names, and the name
 * the file uses for each package. Reading only; src/go/imports.ts makes the edits.
 */
import type { Node, Tree } from './codemod.js';
import { skipLiteral } from './tokens.js';
import type { TopLevel } from './toplevel.js';

/**
 * What this module needs of a file: its text and its tree (a `SourceFile` fits). With
 * `topLevel` (a `SourceFile` has it), questions about imports alone are answered from the
 * text, without parsing the file.
 */
export interface GoFile {
  readonly source: string;
  readonly tree: Tree;
  readonly topLevel?: TopLevel;
}

/** One import of a file, as `listImports` returns it. */
export interface ImportSpec {
  /** The import path, unquoted. */
  path: string;
  /** The explicit name: an identifier, '.' or '_'; undefined when there is none. */
  name: string | undefined;
  /**
   * The name the file uses to refer to the package (`name.X`): the explicit name, or the
   * name assumed from the path; undefined for dot and blank imports.
   */
  qualifier: string | undefined;
  /** The import_spec node, and the import_declaration holding it. */
  node: Node;
  decl: Node;
}
/** The imports of the file, in source order. */
export function listImports(file: GoFile): ImportSpec[] {
  const out: ImportSpec[] = [];
  for (const decl of file.tree.rootNode.namedChildren) {
    if (decl?.type !== 'import_declaration') continue;
    for (const spec of specsOf(decl)) {
      const pathNode = spec.childForFieldName('path');
      if (!pathNode) continue;
      const path = unquote(pathNode.text);
      if (path === undefined) continue;
      const nameNode = spec.childForFieldName('name');
      const name = nameNode ? nameNode.text : undefined;
      const qualifier = name === undefined ? assumedName(path) : name === '.' || name === '_' ? undefined : name;
      out.push({ path, name, qualifier, node: spec, decl });
    }
  }
  return out;
}
/**
 * The name under which the file can refer to the package at `path` (`name.X`), if it
 * imports it by name; undefined when it is not imported or only as a dot or blank import.
 */
export function qualifierOf(file: GoFile, path: string): string | undefined {
  // A file whose text never spells the path as a string literal cannot import it: answered
  // without the syntax tree, which the file may not have needed yet (parsing is the cost).
  if (!mayImport(file.source, path)) return undefined;
  return importsOf(file).find((s) => s.path === path && s.qualifier !== undefined)?.qualifier;
}

/** One import of a file as its text spells it: `ImportSpec` without the nodes. */
export type TextImport = Pick<ImportSpec, 'path' | 'name' | 'qualifier'>;

const SPEC = /(?:([\p{L}_][\p{L}\p{Nd}_]*|\.)[ \t]*)?("(?:[^"\\\n]|\\.)*"|`[^`]*`)/gu;

/**
 * The imports of a file, in source order, read from its text where the top-level lexer read
 * the whole file (`file.topLevel.ok`), else from its tree. Parsing every file that holds a
 * needle only to learn under what name it imports a package cost more than the rest of many
 * codemods' work: unsafe-slice-to-sliceheader parsed every file importing unsafe for it.
 * The same list as `listImports` gives for a file without syntax errors (test/imports.test.ts
 * compares them on GOROOT/src).
 */
export function importsOf(file: GoFile): TextImport[] {
  const top = file.topLevel;
  if (!top?.ok) return listImports(file).map(({ path, name, qualifier }) => ({ path, name, qualifier }));
  const out: TextImport[] = [];
  for (const d of top.decls) {
    if (d.keyword !== 'import') continue;
    const text = withoutComments(file.source.slice(d.start + 'import'.length, d.end));
    for (const m of text.matchAll(SPEC)) {
      const path = unquote(m[2]);
      if (path === undefined) continue;
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
      out += text[i] === '/' ? ' '.repeat(end - i) : text.slice(i, end);
      i = end;
    } else out += text[i++];
  }
  return out;
}
/**
 * Whether `source` may import `path`: it holds the path as a Go string literal, `"path"` or
 * `` `path` ``. Exact for a valid import path (no quote, backquote or backslash in it), which
 * an import spec can only spell that way (`unquote` decodes no other escape); any other
 * path gets true, so the syntax tree decides.
 */
function mayImport(source: string, path: string): boolean {
  if (/["`\\]/.test(path)) return true;
  return source.includes(`"${path}"`) || source.includes(`\`${path}\``);
}
/** A standard-library path: its first element has no dot (goimports' rule). */
export function isStandardLibrary(path: string): boolean {
  return !path.split('/')[0].includes('.');
}
/**
 * The package name assumed for an import path, as goimports does
 * (golang.org/x/tools/internal/imports.ImportPathToAssumedName): the last element, skipping a
 * major-version suffix `v2`, without a `go-` prefix, cut at the first non-identifier rune.
 */
export function assumedName(path: string): string {
  const parts = path.split('/');
  let base = parts[parts.length - 1];
  if (/^v\d+$/.test(base) && parts.length > 1) base = parts[parts.length - 2];
  if (base.startsWith('go-')) base = base.slice(3);
  const m = /^[\p{L}_][\p{L}\p{Nd}_]*/u.exec(base);
  return m ? m[0] : base;
}
export function specsOf(decl: Node): Node[] {
  const block = blockOf(decl);
  const holder = block ?? decl;
  return holder.namedChildren.filter((n): n is Node => n?.type === 'import_spec');
}
export function blockOf(decl: Node): Node | undefined {
  return decl.namedChildren.find((n): n is Node => n?.type === 'import_spec_list');
}
/** A Go interpreted or raw string literal's value (escapes other than \" and \\ kept as is). */
export function unquote(lit: string): string | undefined {
  if (lit.length >= 2 && lit[0] === '`' && lit.endsWith('`')) return lit.slice(1, -1);
  if (lit.length >= 2 && lit[0] === '"' && lit.endsWith('"')) return lit.slice(1, -1).replace(/\\(["\\])/g, '$1');
  return undefined;
}
