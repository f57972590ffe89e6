/**
 * interface-to-any: the empty interface `interface{}` becomes the predeclared alias `any`
 * (Go 1.18), after golang.org/x/tools/go/analysis/passes/modernize/any.go.
 *
 *     func f(x interface{}) map[string]interface{}   ⇒   func f(x any) map[string]any
 *
 * x/tools asks go/types whether `any` at the position resolves to the universe `any`. We
 * have only syntax, so we apply the Go spec's scope rules to every declaration named `any`:
 *
 * - a package-level const, var, type or func, or an import, named `any` in any file of the
 *   package (editable or not) shadows it everywhere: nothing is reported for the package;
 * - a local declaration shadows it over exactly its spec-defined scope (see `declScopes`),
 *   so code before the declaration point and after its block is still rewritten.
 *
 * An interface whose braces hold a comment is kept as it is: x/tools would replace it and
 * drop the comment.
 */
import { defineCodemod, type Edit, type Node, type SourceFile } from '../../src/go/codemod.js';
import { fixer } from '../../src/go/fixer.js';

/*
 * Finding nodes: the text is searched with a regexp and each hit is resolved to its token
 * with one `descendantForIndex` call. Hits inside comments or strings resolve to a comment or
 * string node and are dropped. On 44 MB of $GOROOT/src this took 0.04 s (interfaces) and
 * 0.1 s (`any`), where the queries `(interface_type) @i` and `((identifier) @id (#eq? @id
 * "any"))` took 3.1 s and 5.5 s (27% and 48% of the 11.4 s parse), and found the same nodes.
 */

/** `interface{}`, `interface{ }`, or braces on two lines: nothing but whitespace inside. */
const EMPTY_INTERFACE = /\binterface\s*\{\s*\}/g;
const EMPTY_INTERFACE_TEST = /\binterface\s*\{\s*\}/;
/** The word `any` (in code, comments or strings): only where it occurs can it be declared. */
const ANY_WORD = /\bany\b/g;
const MENTIONS_ANY = /\bany\b/;

/** Tokens that can spell a declared `any` (uses are told apart by `declScopes`). */
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

const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Half-open [start, end) in UTF-16 units where `any` does not mean the predeclared type. */
interface Scope {
  start: number;
  end: number;
}

/** What one `any` identifier does: nothing, shadow some ranges of its file, or the package. */
type Shadow = 'package' | Scope[];

const NONE: Scope[] = [];

export default defineCodemod({
  name: 'interface-to-any',
  description: 'Replace the empty interface `interface{}` with `any` (Go 1.18).',
  needles: ['interface'],
  minGo: '1.18',
  scope: 'package',
  run(ctx) {
    // Nothing to rewrite, nothing to parse: most packages that mention `interface` stop here.
    if (!ctx.files.some((f) => f.editable && EMPTY_INTERFACE_TEST.test(f.source))) return;
    // Pass 1: where is `any` declared? Package-level names come from the lexer (no parse);
    // only a file with something to rewrite is parsed, for its local scopes.
    const scopes = new Map<SourceFile, Scope[]>();
    for (const file of ctx.files) {
      if (!MENTIONS_ANY.test(file.source)) continue;
      const top = file.topLevel;
      if (top.ok) {
        if (top.decls.some((d) => d.names.some((n) => n.name === 'any'))) return;
        if (!(file.editable && EMPTY_INTERFACE_TEST.test(file.source))) continue;
      }
      const shadow = anyScopes(file);
      if (shadow === 'package') return; // `any` is the package's own: leave the package alone
      scopes.set(file, shadow);
    }
    // Pass 2: every empty interface outside those scopes, in editable files only.
    for (const file of ctx.files) {
      if (!file.editable || !file.source.includes('interface')) continue;
      const shadowed = scopes.get(file) ?? NONE;
      const nodes = emptyInterfaces(file).filter((node) => !shadowed.some((s) => s.start <= node.startIndex && node.startIndex < s.end));
      const replaced = new Set(nodes.map((n) => n.id));
      for (const node of nodes) {
        const comma = trailingCommaEdit(node, replaced);
        ctx.report({
          file,
          start: node.startIndex,
          end: node.endIndex,
          message: 'interface{} can be any',
          fixes: [{ message: 'Replace interface{} with any', edits: comma ? [fixer.replace(node, 'any'), comma] : [fixer.replace(node, 'any')] }],
        });
      }
    }
  },
});

/** The interface_type nodes of the file whose braces hold only whitespace (no comment). */
function emptyInterfaces(file: SourceFile): Node[] {
  const found: Node[] = [];
  let root: Node | undefined;
  for (const m of file.source.matchAll(EMPTY_INTERFACE)) {
    root ??= file.tree.rootNode;
    const keyword = root.descendantForIndex(m.index, m.index + 'interface'.length);
    const node = keyword?.parent;
    if (
      keyword?.type === 'interface' &&
      node?.type === 'interface_type' &&
      node.startIndex === m.index &&
      node.endIndex === m.index + m[0].length &&
      node.namedChildCount === 0 &&
      !node.hasError
    ) {
      found.push(node);
    }
  }
  return found;
}

/**
 * Go reads `type S[P *C] ...` as a generic type only while `P *C` cannot be read as an
 * expression (go/parser's extractName): with C = interface{} it cannot, with C = any it can
 * (`type S[P *any] []P` is an array of length P*any). Where the rewrite would flip that, the
 * fix adds the trailing comma the spec prescribes (`[P *any,]`), which gofmt keeps: the
 * single type parameter, with one name, of a generic type whose list has no comma yet.
 */
function trailingCommaEdit(iface: Node, replaced: ReadonlySet<number>): Edit | undefined {
  let decl: Node | null = iface.parent;
  while (decl && decl.type !== 'type_parameter_declaration') {
    if (decl.type === 'type_parameter_list' || decl.type === 'source_file' || decl.type === 'block') return undefined;
    decl = decl.parent;
  }
  const list = decl?.parent;
  const owner = list?.parent;
  if (!decl || list?.type !== 'type_parameter_list' || (owner?.type !== 'type_spec' && owner?.type !== 'type_alias')) return undefined;
  const params = list.namedChildren.filter((n) => n?.type === 'type_parameter_declaration');
  if (params.length !== 1 || decl.childrenForFieldName('name').length !== 1 || decl.nextSibling?.type === ',') return undefined;
  const terms = (decl.childForFieldName('type')?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
  // Only where the rewrite flips the reading: a list Go already reads otherwise is left as it is.
  if (!splitsFromName(terms, new Set()) || splitsFromName(terms, replaced)) return undefined;
  return { start: decl.endIndex, end: decl.endIndex, text: ',' };
}

/**
 * go/parser's extractName without a trailing comma: `P t1 | t2 ...` stays a name and a
 * constraint unless t1 is `*E` or `(E)` (read as P*E, P(E)) and neither E nor a later term is
 * a type element (an array, struct, func, interface, map or chan type, or ~T).
 */
function splitsFromName(terms: Node[], replaced: ReadonlySet<number>): boolean {
  const first = terms[0];
  if (!first || (first.type !== 'pointer_type' && first.type !== 'parenthesized_type')) return true;
  const inner = first.namedChildren.find((n) => n?.type !== 'comment');
  return (!!inner && isTypeElem(inner, replaced)) || terms.slice(1).some((t) => isTypeElem(t, replaced));
}

const TYPE_ELEMS = new Set(['array_type', 'slice_type', 'struct_type', 'function_type', 'map_type', 'channel_type', 'negated_type']);

/** go/parser's isTypeElem, on the result: an interface{} being replaced becomes the name `any`. */
function isTypeElem(n: Node, replaced: ReadonlySet<number>): boolean {
  if (n.type === 'interface_type') return !replaced.has(n.id);
  if (n.type === 'parenthesized_type') {
    const inner = n.namedChildren.find((c) => c?.type !== 'comment');
    return !!inner && isTypeElem(inner, replaced);
  }
  return TYPE_ELEMS.has(n.type);
}

/** The local scopes of every `any` declared in the file, or 'package' if one is package-level. */
function anyScopes(file: SourceFile): Shadow {
  const scopes: Scope[] = [];
  const root = file.tree.rootNode;
  for (const m of file.source.matchAll(ANY_WORD)) {
    const id = root.descendantForIndex(m.index, m.index + 3);
    if (!id || !NAMES.has(id.type) || id.startIndex !== m.index || id.endIndex !== m.index + 3) {
      continue; // part of a comment, a string, a field or method name, ...
    }
    const shadow = declScopes(id);
    if (shadow === 'package') return 'package';
    scopes.push(...shadow);
  }
  return scopes;
}

/**
 * Where the identifier `id` (spelled `any`) declares `any`, after the Go spec's "Declarations
 * and scope" and go/types (which starts a type-switch variable after the clause's case list).
 */
function declScopes(id: Node): Shadow {
  const parent = id.parent;
  if (!parent) return NONE;
  if (inError(id)) {
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
  if (!fn || !FUNCTIONS.has(fn.type)) return NONE; // function types, interface methods
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

function isField(parent: Node, field: string, child: Node): boolean {
  return parent.childrenForFieldName(field).some((c) => c?.id === child.id);
}
