/**
 * Which parts of a file a declaration of a name covers, from syntax and the Go spec's scope
 * rules: is `any` (or `len`, or an import's name) shadowed here? The answers are exact for
 * the file's own declarations; names declared in other files of the package are found from
 * their top-level declarations (`declaredInPackage`).
 *
 * This is the knowledge interface-to-any relies on (it must never rewrite `interface{}` to an
 * `any` that means something else), offered to every codemod.
 */
import type { Node, SourceFile } from './codemod.js';
import { listImports } from './import-specs.js';
import { FUNCTION_NODE_TYPES, isField } from './syntax.js';

/** What the functions here need of a file (a `SourceFile` fits). */
export type ScopedFile = Pick<SourceFile, 'source' | 'tree' | 'topLevel'>;

/** Half-open [start, end) in UTF-16 units where a local declaration of a name is in scope. */
export interface Scope {
  start: number;
  end: number;
}

/** What one declaration does: hide the name in the whole package, or over some ranges. */
export type Shadow = 'package' | Scope[];

/** Tokens that can spell a declared name (uses are told apart by `declScopes`). */
const NAMES = new Set(['identifier', 'type_identifier', 'package_identifier']);

/** Nodes that are a block in the spec's sense: explicit blocks and the implicit ones. */
const BLOCKS = new Set([
  'block',
  'if_statement',
  'for_statement',
  'expression_switch_statement',
  'type_switch_statement',
  'select_statement',
  'expression_case',
  'default_case',
  'type_case',
  'communication_case',
]);

const NONE: Scope[] = [];

/**
 * Where `name` is declared in `file` and what that hides: `'package'` when the file declares
 * it at package level (a const, var, type or func, or an import name: then the name means
 * the package's own thing in every file of the package), else the ranges, in UTF-16 units,
 * over which a local declaration of it is in scope (by the Go spec's "Declarations and
 * scope", as go/types reads them). Outside those ranges, `name` means what it means at
 * package level: a predeclared identifier (`any`, `len`), an import, or a package-level
 * declaration of another file.
 *
 * Declarations inside syntax errors cannot be told from uses: they are assumed to declare
 * the name over their whole enclosing block (or the package).
 *
 * An import name (`import any "x"`) counts as a package-level declaration, the safe answer
 * for "may I write `name` here and mean the predeclared one?"; `{ imports: false }` skips
 * import names (see `refersToImport` of the import helpers).
 *
 * Parses the file (`file.tree`) only when the name occurs in it as a word.
 */
export function declarationScopes(file: Pick<ScopedFile, 'source' | 'tree'>, name: string, options: { imports?: boolean } = {}): Shadow {
  const scopes: Scope[] = [];
  const word = new RegExp(`(?<![\\p{L}\\p{Nd}_])${escapeRegExp(name)}(?![\\p{L}\\p{Nd}_])`, 'gu');
  let root: Node | undefined;
  for (const m of file.source.matchAll(word)) {
    root ??= file.tree.rootNode;
    const id = root.descendantForIndex(m.index, m.index + name.length);
    if (!id || !NAMES.has(id.type) || id.startIndex !== m.index || id.endIndex !== m.index + name.length) {
      continue; // part of a comment, a string, a field or method name, ...
    }
    if (options.imports === false && id.parent?.type === 'import_spec') continue;
    const shadow = declScopes(id, root.hasError);
    if (shadow === 'package') return 'package';
    scopes.push(...shadow);
  }
  return scopes;
}

/**
 * Whether some file of the package declares `name` at package level: a const, var, type or
 * func (from each file's lexer-made `topLevel`, without parsing; a file the lexer cannot
 * read to its end is parsed). Imports are not package-level: an import name is in scope in
 * its own file only (see `declarationScopes`). When true, `name` means the package's own
 * declaration everywhere in it.
 */
export function declaredInPackage(files: readonly ScopedFile[], name: string): boolean {
  return files.some((f) => {
    if (!f.source.includes(name)) return false;
    const top = f.topLevel;
    if (top.ok) return top.decls.some((d) => d.keyword !== 'import' && d.names.some((n) => n.name === name));
    return declarationScopes(f, name, { imports: false }) === 'package';
  });
}

/**
 * Whether `name` at `offset` of `file` means something declared by the package's code: a
 * package-level declaration of the package (any of `files`), an import of this file named
 * so, or a local declaration in scope there. False means the name is free at that point: it
 * is the predeclared identifier (`any`, `len`), or a name a codemod may bind by adding an
 * import. (To ask whether a name is a given import, use `refersToImport`.)
 */
export function isShadowed(files: readonly ScopedFile[], file: ScopedFile, name: string, offset: number): boolean {
  if (declaredInPackage(files, name)) return true;
  if (listImports(file).some((i) => i.qualifier === name)) return true;
  const scopes = declarationScopes(file, name);
  return scopes === 'package' || scopes.some((s) => s.start <= offset && offset < s.end);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where the identifier `id` declares its name, after the Go spec's "Declarations
 * and scope" and go/types (which starts a type-switch variable after the clause's case list).
 */
/** `treeHasError`: whether the tree holds an error anywhere (else no ancestor can be one). */
function declScopes(id: Node, treeHasError: boolean): Shadow {
  const parent = id.parent;
  if (!parent) return NONE;
  // Walking up to the root costs a WASM call per ancestor, for each occurrence of the name.
  if (treeHasError && inError(id)) {
    // Broken syntax: we cannot tell a declaration from a use, so assume the worst.
    const block = enclosingBlock(id);
    return block ? [{ start: block.startIndex, end: block.endIndex }] : 'package';
  }
  switch (parent.type) {
    case 'const_spec':
    case 'var_spec':
      // Scope begins at the end of the ConstSpec/VarSpec.
      if (id.type !== 'identifier' || !isField(parent, 'name', id)) return NONE;
      return localFrom(parent, parent.endIndex);
    case 'type_spec':
    case 'type_alias':
      // Scope begins at the identifier in the TypeSpec.
      if (id.type !== 'type_identifier' || !isField(parent, 'name', id)) return NONE;
      return localFrom(parent, id.startIndex);
    case 'function_declaration':
      return id.type === 'identifier' && isField(parent, 'name', id) ? 'package' : NONE;
    case 'import_spec':
      return id.type === 'package_identifier' && isField(parent, 'name', id) ? 'package' : NONE;
    case 'parameter_declaration':
    case 'variadic_parameter_declaration':
      // Receiver, parameters and results: the function body (not a function type's).
      if (id.type !== 'identifier' || !isField(parent, 'name', id)) return NONE;
      return functionBody(parent.parent?.parent);
    case 'type_parameter_declaration':
      if (id.type !== 'identifier' || !isField(parent, 'name', id)) return NONE;
      return typeParameterScope(parent.parent?.parent);
    case 'expression_list':
      return id.type === 'identifier' ? shortVarScopes(parent) : NONE;
    case 'type_elem':
      return id.type === 'type_identifier' ? receiverTypeParameterScope(parent) : NONE;
    default:
      return NONE;
  }
}

/** An identifier of `list`, when `list` is the left side of a form of short variable declaration. */
function shortVarScopes(list: Node): Shadow {
  const stmt = list.parent;
  if (!stmt) return NONE;
  switch (stmt.type) {
    case 'short_var_declaration':
      // Scope begins at the end of the ShortVarDecl (in an if/for/switch header too).
      return isField(stmt, 'left', list) ? localFrom(stmt, stmt.endIndex) : NONE;
    case 'range_clause': {
      // `for any := range x`: the for statement's block, from the end of the clause.
      const loop = stmt.parent;
      if (!isField(stmt, 'left', list) || !declares(stmt) || !loop) return NONE;
      return [{ start: stmt.endIndex, end: loop.endIndex }];
    }
    case 'receive_statement': {
      // `case any := <-ch:`: the clause's implicit block, from the end of the receive.
      if (!isField(stmt, 'left', list) || !declares(stmt)) return NONE;
      const clause = stmt.parent;
      if (clause?.type === 'communication_case') {
        return [{ start: stmt.endIndex, end: clause.endIndex }];
      }
      return localFrom(stmt, stmt.endIndex);
    }
    case 'type_switch_statement': {
      // `switch any := x.(type)`: declared in each clause, after its case list.
      if (!isField(stmt, 'alias', list)) return NONE;
      const scopes: Scope[] = [];
      for (const clause of stmt.namedChildren) {
        if (clause?.type !== 'type_case' && clause?.type !== 'default_case') continue;
        const colon = clause.children.find((c) => c?.type === ':');
        scopes.push({ start: colon ? colon.endIndex : clause.startIndex, end: clause.endIndex });
      }
      return scopes;
    }
    default:
      return NONE;
  }
}

/** Parameters of a function declaration or literal are scoped to its body. */
function functionBody(fn: Node | null | undefined): Shadow {
  if (!fn || !FUNCTION_NODE_TYPES.has(fn.type)) return NONE; // function types, interface methods
  const body = fn.childForFieldName('body');
  return body ? [{ start: body.startIndex, end: body.endIndex }] : NONE;
}

/**
 * Type parameters: of a function, from after its name to the end of its body; of a generic
 * type, from after the type name to the end of the TypeSpec.
 */
function typeParameterScope(owner: Node | null | undefined): Shadow {
  if (!owner) return NONE;
  if (owner.type !== 'function_declaration' && owner.type !== 'type_spec' && owner.type !== 'type_alias') {
    return NONE;
  }
  const name = owner.childForFieldName('name');
  return name ? [{ start: name.endIndex, end: owner.endIndex }] : NONE;
}

/**
 * `func (r *T[any]) M(...)`: a receiver type argument declares a type parameter whose scope
 * runs from after the method name to the end of its body.
 */
function receiverTypeParameterScope(elem: Node): Shadow {
  const args = elem.parent;
  if (elem.namedChildCount !== 1 || args?.type !== 'type_arguments') return NONE;
  let type = args.parent;
  if (type?.type !== 'generic_type') return NONE;
  while (type.parent && (type.parent.type === 'pointer_type' || type.parent.type === 'parenthesized_type')) {
    type = type.parent;
  }
  const param = type.parent;
  if (param?.type !== 'parameter_declaration' || !isField(param, 'type', type)) return NONE;
  const list = param.parent;
  const method = list?.parent;
  if (!list || method?.type !== 'method_declaration' || !isField(method, 'receiver', list)) return NONE;
  const name = method.childForFieldName('name');
  return name ? [{ start: name.endIndex, end: method.endIndex }] : NONE;
}

/** A local declaration's scope runs to the end of its innermost block; none: package level. */
function localFrom(decl: Node, start: number): Shadow {
  const block = enclosingBlock(decl);
  return block ? [{ start, end: block.endIndex }] : 'package';
}

function enclosingBlock(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (BLOCKS.has(p.type)) return p;
  }
  return null;
}

function inError(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'ERROR') return true;
  }
  return false;
}

/** `:=` rather than `=` in a range clause or a receive statement. */
function declares(stmt: Node): boolean {
  return stmt.children.some((c) => c?.type === ':=');
}
