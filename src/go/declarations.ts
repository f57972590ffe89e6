/**
 * Declarations in scope, by the Go spec's block rules, from syntax alone: what declares a name
 * visible at a node, and whether an identifier declares or uses a name. Answers "don't know"
 * (undefined) for names declared in other files of the package or predeclared.
 */
import type { Node } from './codemod.js';
import { FUNCTION_NODE_TYPES, isField } from './syntax.js';

/**
 * What declares a name, as `lookupDeclaration` finds it: a variable (with its type, value, or
 * the range statement it comes from), a constant, a type, a function, a type parameter (with
 * its constraint), or something else (a label, a type switch variable, a variadic parameter).
 */
export type Declaration =
  | { kind: 'var'; name: Node; type?: Node; value?: Node; range?: { over: Node; key: boolean } }
  | { kind: 'const'; name: Node; type?: Node; value?: Node }
  | { kind: 'type'; name: Node; type: Node | null }
  | { kind: 'func'; name: Node; decl: Node }
  /** A type parameter, with its constraint. */
  | { kind: 'typeparam'; name: Node; constraint: Node | null }
  | { kind: 'other'; name: Node };

const CASES = new Set(['expression_case', 'default_case', 'type_case', 'communication_case']);

/**
 * The declaration of `name` in scope at `at`, by the Go spec's block rules: statements before
 * `at` in each enclosing block, the initializers of if/for/switch headers, parameters of the
 * enclosing functions, then the file's top-level declarations. Undefined when it is declared
 * elsewhere (another file of the package, or predeclared) or nowhere.
 */
export function lookupDeclaration(name: string, at: Node): Declaration | undefined {
  let cur = at;
  for (let p = at.parent; p; cur = p, p = p.parent) {
    if (p.type === 'statement_list') {
      const stmts = p.namedChildren;
      const i = stmts.findIndex((s) => s?.id === cur.id);
      for (let j = (i < 0 ? stmts.length : i) - 1; j >= 0; j--) {
        const d = declaredBy(stmts[j], name);
        if (d) return d;
      }
      // Cases: `case v := <-ch:` declares in the clause.
      const clause = p.parent;
      if (clause?.type === 'communication_case') {
        const comm = clause.childForFieldName('communication');
        const d = comm && declaredBy(comm, name);
        if (d) return d;
      }
    } else if (p.type === 'if_statement' || p.type === 'expression_switch_statement' || p.type === 'type_switch_statement') {
      const init = p.childForFieldName('initializer');
      if (init && init.id !== cur.id) {
        const d = declaredBy(init, name);
        if (d) return d;
      }
      if (p.type === 'type_switch_statement') {
        const alias = p.childForFieldName('alias');
        const a = alias?.namedChildren.find((c) => c?.text === name);
        if (a && CASES.has(cur.type)) return { kind: 'other', name: a };
      }
    } else if (p.type === 'for_statement') {
      for (const clause of p.namedChildren) {
        if (!clause || clause.id === cur.id) continue;
        if (clause.type === 'for_clause') {
          const init = clause.childForFieldName('initializer');
          const d = init && init.id !== cur.id ? declaredBy(init, name) : undefined;
          if (d) return d;
        } else if (clause.type === 'range_clause' && clause.children.some((c) => c?.type === ':=')) {
          const left = clause.childForFieldName('left');
          const over = clause.childForFieldName('right');
          const ids = left?.namedChildren ?? [];
          const k = ids.findIndex((c) => c?.type === 'identifier' && c.text === name);
          if (k >= 0 && over) return { kind: 'var', name: ids[k]!, range: { over, key: k === 0 } };
        }
      }
    } else if (FUNCTION_NODE_TYPES.has(p.type)) {
      for (const field of ['receiver', 'parameters', 'result', 'type_parameters']) {
        const list = p.childForFieldName(field);
        if (!list || list.type !== 'parameter_list' && list.type !== 'type_parameter_list') continue;
        for (const param of list.namedChildren) {
          if (!param) continue;
          const nameNode = param.childrenForFieldName('name').find((n) => n?.text === name);
          if (!nameNode) continue;
          const type = param.childForFieldName('type');
          if (param.type === 'type_parameter_declaration') return { kind: 'typeparam', name: nameNode, constraint: type };
          if (param.type === 'variadic_parameter_declaration') return { kind: 'other', name: nameNode }; // []T, but see paramType
          return { kind: 'var', name: nameNode, type: type ?? undefined };
        }
      }
    } else if (p.type === 'source_file') {
      for (const decl of p.namedChildren) {
        if (!decl) continue;
        if (decl.type === 'function_declaration') {
          const n = decl.childForFieldName('name');
          if (n?.text === name) return { kind: 'func', name: n, decl };
          continue;
        }
        const d = declaredBy(decl, name);
        if (d) return d;
      }
    }
  }
  return undefined;
}

/** The declaration of `name` made by one statement or top-level declaration, if any. */
function declaredBy(stmt: Node | null, name: string): Declaration | undefined {
  if (!stmt) return undefined;
  switch (stmt.type) {
    case 'var_declaration':
    case 'const_declaration': {
      const specs = stmt.namedChildren.flatMap((c) => (c?.type === 'var_spec_list' || c?.type === 'const_spec_list' ? c.namedChildren : [c]));
      for (const spec of specs) {
        if (spec?.type !== 'var_spec' && spec?.type !== 'const_spec') continue;
        const names = spec.childrenForFieldName('name');
        const k = names.findIndex((n) => n?.text === name);
        if (k < 0) continue;
        const values = spec.childForFieldName('value')?.namedChildren.filter((v) => v?.type !== 'comment') ?? [];
        const value = values.length === names.length ? (values[k] ?? undefined) : undefined;
        const type = spec.childForFieldName('type') ?? undefined;
        return { kind: spec.type === 'var_spec' ? 'var' : 'const', name: names[k]!, type, value };
      }
      return undefined;
    }
    case 'short_var_declaration': {
      const left = stmt.childForFieldName('left')?.namedChildren ?? [];
      const right = stmt.childForFieldName('right')?.namedChildren.filter((v) => v?.type !== 'comment') ?? [];
      const k = left.findIndex((n) => n?.type === 'identifier' && n.text === name);
      if (k < 0) return undefined;
      return { kind: 'var', name: left[k]!, value: right.length === left.length ? (right[k] ?? undefined) : undefined };
    }
    case 'type_declaration': {
      for (const spec of stmt.namedChildren) {
        if (spec?.type !== 'type_spec' && spec?.type !== 'type_alias') continue;
        const n = spec.childForFieldName('name');
        if (n?.text === name) return { kind: 'type', name: n, type: spec.childForFieldName('type') };
      }
      return undefined;
    }
    case 'labeled_statement': {
      const inner = stmt.namedChildren.find((c) => c?.type !== 'label_name');
      return inner ? declaredBy(inner, name) : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether the identifier node is in a declaring position (it declares a name, not uses one). */
export function isDeclaring(id: Node): boolean {
  const p = id.parent;
  if (!p) return false;
  switch (p.type) {
    case 'var_spec':
    case 'const_spec':
    case 'type_spec':
    case 'type_alias':
    case 'function_declaration':
    case 'parameter_declaration':
    case 'variadic_parameter_declaration':
    case 'type_parameter_declaration':
      return isField(p, 'name', id);
    case 'import_spec':
      return isField(p, 'name', id);
    case 'expression_list': {
      const stmt = p.parent;
      if (!stmt) return false;
      if (stmt.type === 'short_var_declaration') return isField(stmt, 'left', p);
      if (stmt.type === 'range_clause' || stmt.type === 'receive_statement') return isField(stmt, 'left', p) && stmt.children.some((c) => c?.type === ':=');
      if (stmt.type === 'type_switch_statement') return isField(stmt, 'alias', p);
      return false;
    }
    default:
      return false;
  }
}

/** Whether `name` is declared anywhere in the tree under `root` (any scope). */
export function declaresAnywhere(root: Node, source: string, name: string): boolean {
  const re = new RegExp(`(?<![\\p{L}\\p{Nd}_])${name}(?![\\p{L}\\p{Nd}_])`, 'gu');
  const text = source.slice(root.startIndex, root.endIndex);
  for (const m of text.matchAll(re)) {
    const at = root.startIndex + m.index;
    const id = root.descendantForIndex(at, at + name.length);
    if (id && id.startIndex === at && id.endIndex === at + name.length && isDeclaring(id)) return true;
  }
  return false;
}
