/**
 * One more way a result can parse "worse" without a syntax error: Go reads
 * `type S[P *C] ...` as a generic type only while `P *C` cannot also be read as an
 * expression, so `type S[P *interface{}] []P` is generic but `type S[P *any] []P` is an array
 * type whose length is the product P*any (go/parser's extractName; tree-sitter-go decides
 * the same way). An edit inside the constraint can thus turn a type parameter list into
 * an array length, and the reverse, without touching the brackets. Such a result parses
 * cleanly and compiles to something else, or not at all (`undefined: P`).
 *
 * The check: every top-level type declaration whose name and opening bracket no edit
 * touched keeps its form (generic or not) in the result.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Edit } from '../go/codemod.js';

interface TypeForm {
  name: string;
  /** [start, end): the name and, when one follows it, the opening bracket. */
  header: { start: number; end: number };
  generic: boolean;
}

/** A message naming the first declaration whose form changed, or undefined. */
export function changedTypeForm(before: Tree, beforeText: string, after: Tree, edits: readonly Edit[]): string | undefined {
  const now = new Map<string, TypeForm[]>();
  for (const f of typeForms(after.rootNode)) now.set(f.name, [...(now.get(f.name) ?? []), f]);
  const was = new Map<string, TypeForm[]>();
  for (const f of typeForms(before.rootNode, beforeText)) was.set(f.name, [...(was.get(f.name) ?? []), f]);
  for (const [name, forms] of was) {
    const later = now.get(name);
    // Declared twice (not valid Go), or deleted or renamed by a fix: nothing to compare.
    if (forms.length !== 1 || later?.length !== 1) continue;
    const [old] = forms;
    if (edits.some((e) => e.start < old.header.end && e.end > old.header.start)) continue;
    if (old.generic !== later[0].generic) {
      return old.generic
        ? `type ${name}: its type parameter list would read as an array length (write the constraint as [P C,] or [P interface{ C }])`
        : `type ${name}: its array length would read as a type parameter list`;
    }
  }
  return undefined;
}

function typeForms(root: Node, text?: string): TypeForm[] {
  const out: TypeForm[] = [];
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'type_declaration') continue;
    for (const spec of decl.namedChildren) {
      if (spec?.type !== 'type_spec' && spec?.type !== 'type_alias') continue;
      const name = spec.childForFieldName('name');
      if (!name) continue;
      const params = spec.childForFieldName('type_parameters');
      let end = name.endIndex;
      if (text !== undefined) {
        // The bracket after the name, if any: a type parameter list's or an array type's.
        const m = /^[ \t]*\[/.exec(text.slice(end, end + 64));
        if (m) end += m[0].length;
      }
      out.push({ name: name.text, header: { start: name.startIndex, end }, generic: params !== null });
    }
  }
  return out;
}
