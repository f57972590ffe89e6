/**
 * What the two unsafe codemods (unsafe-slice-to-sliceheader, sliceheader-to-unsafe-slice)
 * need to know about Go code without go/types: the type of an expression where local syntax
 * says it, declarations in scope, conversions, and whether an expression has side effects.
 *
 * Everything here answers "don't know" (undefined / false) rather than guess: a codemod that
 * cannot be sure leaves the code alone and says why.
 */
import type { Node } from '../../src/go/codemod.js';

/* ---------------------------------------------------------------- types */

export type GoType =
  | { kind: 'pointer'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'array'; len: string; elem: GoType }
  /** Any other type, by its source text (spaces collapsed): `byte`, `reflect.Value`, `map[K]V`. */
  | { kind: 'name'; text: string }
  /** An untyped constant: its default type is 'int', 'rune', 'float64', 'complex128', 'string' or 'bool'. */
  | { kind: 'untyped'; text: string };

const ALIASES: Record<string, string> = { byte: 'uint8', rune: 'int32' };

export const INTEGER_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'byte', 'rune']);

const BASIC_TYPES = new Set([...INTEGER_TYPES, 'bool', 'string', 'float32', 'float64', 'complex64', 'complex128', 'error', 'any']);

export function typeText(t: GoType): string {
  switch (t.kind) {
    case 'pointer':
      return '*' + typeText(t.elem);
    case 'slice':
      return '[]' + typeText(t.elem);
    case 'array':
      return `[${t.len}]` + typeText(t.elem);
    default:
      return t.text;
  }
}

export function sameType(a: GoType | undefined, b: GoType | undefined): boolean {
  if (!a || !b || a.kind === 'untyped' || b.kind === 'untyped') return false;
  if (a.kind === 'name' && b.kind === 'name') return (ALIASES[a.text] ?? a.text) === (ALIASES[b.text] ?? b.text);
  if (a.kind !== b.kind) return false;
  if (a.kind === 'array' && b.kind === 'array' && a.len !== b.len) return false;
  return 'elem' in a && 'elem' in b && sameType(a.elem, b.elem);
}

export function isIntType(t: GoType | undefined): boolean {
  return !!t && ((t.kind === 'untyped' && (t.text === 'int' || t.text === 'rune')) || (t.kind === 'name' && t.text === 'int'));
}

export function isIntegerType(t: GoType | undefined): boolean {
  return !!t && ((t.kind === 'untyped' && (t.text === 'int' || t.text === 'rune')) || (t.kind === 'name' && INTEGER_TYPES.has(t.text)));
}

/** A type node (or an expression spelling a type, as in `(*T)(x)`) as a GoType. */
export function typeFromNode(node: Node | null | undefined): GoType | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'parenthesized_type':
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c?.type !== 'comment');
      return inner ? typeFromNode(inner) : undefined;
    }
    case 'pointer_type': {
      const elem = typeFromNode(node.namedChildren.find((c) => c?.type !== 'comment'));
      return elem && { kind: 'pointer', elem };
    }
    case 'unary_expression': {
      // `*T` read as an expression: the `(*T)` of a conversion `(*T)(x)`.
      if (operatorOf(node) !== '*') return undefined;
      const elem = typeFromNode(node.childForFieldName('operand'));
      return elem && { kind: 'pointer', elem };
    }
    case 'slice_type': {
      const elem = typeFromNode(node.childForFieldName('element'));
      return elem && { kind: 'slice', elem };
    }
    case 'array_type': {
      const elem = typeFromNode(node.childForFieldName('element'));
      const len = node.childForFieldName('length');
      return elem && len ? { kind: 'array', len: squash(len.text), elem } : undefined;
    }
    case 'implicit_length_array_type':
      return undefined; // [...]T: the length is in the literal
    case 'type_identifier':
    case 'identifier':
    case 'qualified_type':
    case 'generic_type':
    case 'map_type':
    case 'channel_type':
    case 'function_type':
    case 'struct_type':
    case 'interface_type':
      return { kind: 'name', text: squash(node.text) };
    case 'selector_expression': {
      // pkg.Type spelled as an expression
      const operand = node.childForFieldName('operand');
      return operand?.type === 'identifier' ? { kind: 'name', text: squash(node.text) } : undefined;
    }
    default:
      return undefined;
  }
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/* ---------------------------------------------------------------- small syntax helpers */

export function operatorOf(node: Node): string | undefined {
  return node.childForFieldName('operator')?.type;
}

/** The expression inside any number of parentheses. */
export function unparen(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression') {
    const inner = n.namedChildren.find((c) => c?.type !== 'comment');
    if (!inner) break;
    n = inner;
  }
  return n;
}

export function isField(parent: Node, field: string, child: Node): boolean {
  return parent.childrenForFieldName(field).some((c) => c?.id === child.id);
}

/** The arguments of a call, or undefined for a call with `...` or comments among them. */
export function callArgs(call: Node): Node[] | undefined {
  const list = call.childForFieldName('arguments');
  if (!list) return undefined;
  if (list.children.some((c) => c?.type === '...')) return undefined;
  return list.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** `q.Name(args)`: the call's arguments when its function is the selector `q.Name`. */
export function qualifiedCall(node: Node, qualifier: string | undefined, name: string): Node[] | undefined {
  if (qualifier === undefined || node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const operand = fn.childForFieldName('operand');
  const field = fn.childForFieldName('field');
  if (operand?.type !== 'identifier' || operand.text !== qualifier || field?.text !== name) return undefined;
  return callArgs(node);
}

/** `name(args)` for a predeclared function or type name. */
export function plainCall(node: Node, name: string): Node[] | undefined {
  if (node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'identifier' || fn.text !== name) return undefined;
  return callArgs(node);
}

export interface Conversion {
  /** The type converted to (its node: a type, or an expression spelling one). */
  typeNode: Node;
  type: GoType | undefined;
  operand: Node;
}

/**
 * `T(x)` where T is certainly a type: a type literal (`[]byte(x)`, `(*[4]byte)(x)`), a
 * parenthesized pointer `(*T)(x)` (tree-sitter reads it as a call), a predeclared type name, a
 * qualified type `(*pkg.T)`, or a name declared as a type in scope.
 */
export function asConversion(node: Node): Conversion | undefined {
  if (node.type === 'type_conversion_expression') {
    const typeNode = node.childForFieldName('type');
    const operand = node.childForFieldName('operand');
    // `*(*T)(x)` is read by tree-sitter as a conversion to the type `*(*T)`; Go reads a
    // dereference of `(*T)(x)`: see asDeref.
    if (!typeNode || !operand || typeNode.type === 'pointer_type') return undefined;
    return { typeNode, type: typeFromNode(typeNode), operand };
  }
  if (node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  const args = callArgs(node);
  if (!fn || !args || args.length !== 1) return undefined;
  if (fn.type === 'parenthesized_expression') {
    const inner = unparen(fn);
    if (inner.type === 'unary_expression' && operatorOf(inner) === '*') {
      let base = inner.childForFieldName('operand');
      while (base?.type === 'unary_expression' && operatorOf(base) === '*') base = base.childForFieldName('operand'); // (**T)(x)
      if (base && (base.type === 'identifier' || (base.type === 'selector_expression' && base.childForFieldName('operand')?.type === 'identifier'))) {
        return { typeNode: inner, type: typeFromNode(inner), operand: args[0] };
      }
    }
    return undefined;
  }
  if (fn.type === 'identifier' && (BASIC_TYPES.has(fn.text) || lookup(fn.text, fn)?.kind === 'type')) {
    return { typeNode: fn, type: { kind: 'name', text: fn.text }, operand: args[0] };
  }
  if (fn.type === 'selector_expression' && fn.text.replace(/\s+/g, '') === 'unsafe.Pointer') {
    return { typeNode: fn, type: { kind: 'name', text: 'unsafe.Pointer' }, operand: args[0] };
  }
  return undefined;
}

/**
 * `*x`: the dereferenced expression, or, for `*(*T)(x)` (which tree-sitter reads as a
 * conversion to `*(*T)`), the conversion `(*T)(x)` it really is.
 */
export function asDeref(node: Node): { operand: Node | undefined; conversion: Conversion | undefined } | undefined {
  if (node.type === 'unary_expression' && operatorOf(node) === '*') {
    const operand = node.childForFieldName('operand');
    return operand ? { operand, conversion: asConversion(unparen(operand)) } : undefined;
  }
  if (node.type === 'type_conversion_expression') {
    const typeNode = node.childForFieldName('type');
    const operand = node.childForFieldName('operand');
    if (typeNode?.type !== 'pointer_type' || !operand) return undefined;
    const inner = typeNode.namedChildren.find((c) => c?.type !== 'comment');
    if (inner?.type !== 'parenthesized_type') return undefined;
    // Go reads `*(*T)(x)[i]` as `*((*T)(x)[i])`, tree-sitter as `(*(*T)(x))[i]`: only a
    // conversion that is not the operand of a postfix operator means what it says.
    const parent = node.parent;
    if (parent && ['selector_expression', 'index_expression', 'slice_expression', 'call_expression', 'type_assertion_expression'].includes(parent.type)) {
      const first = parent.childForFieldName('operand') ?? parent.childForFieldName('function');
      if (first?.id === node.id) return undefined;
    }
    return { operand: undefined, conversion: { typeNode: inner, type: typeFromNode(inner), operand } };
  }
  return undefined;
}

/* ---------------------------------------------------------------- declarations */

export type Declaration =
  | { kind: 'var'; name: Node; type?: Node; value?: Node; range?: { over: Node; key: boolean } }
  | { kind: 'const'; name: Node; type?: Node; value?: Node }
  | { kind: 'type'; name: Node; type: Node | null }
  | { kind: 'func'; name: Node; decl: Node }
  /** A type parameter, with its constraint. */
  | { kind: 'typeparam'; name: Node; constraint: Node | null }
  | { kind: 'other'; name: Node };

const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const CASES = new Set(['expression_case', 'default_case', 'type_case', 'communication_case']);

/**
 * The declaration of `name` in scope at `at`, by the Go spec's block rules: statements before
 * `at` in each enclosing block, the initializers of if/for/switch headers, parameters of the
 * enclosing functions, then the file's top-level declarations. Undefined when it is declared
 * elsewhere (another file of the package, or predeclared) or nowhere.
 */
export function lookup(name: string, at: Node): Declaration | undefined {
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
    } else if (FUNCTIONS.has(p.type)) {
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

/** The type a declaration gives its name, where local syntax says it. */
export function declaredType(d: Declaration, depth = 0): GoType | undefined {
  if (depth > 8) return undefined;
  if (d.kind === 'var' || d.kind === 'const') {
    if (d.type) return typeFromNode(d.type);
    if (d.kind === 'var' && d.range) {
      const over = typeOf(d.range.over, depth + 1);
      if (d.range.key) return over && (over.kind === 'slice' || over.kind === 'array' || isIntType(over)) ? { kind: 'name', text: 'int' } : undefined;
      if (over?.kind === 'slice' || over?.kind === 'array') return over.elem;
      return undefined;
    }
    if (d.value) {
      const t = typeOf(d.value, depth + 1);
      // An untyped constant gets its default type in a variable; a constant keeps it untyped.
      if (t?.kind === 'untyped' && d.kind === 'var') return { kind: 'name', text: t.text === 'rune' ? 'int32' : t.text };
      return t;
    }
    return undefined;
  }
  if (d.kind === 'other') {
    const param = d.name.parent;
    if (param?.type === 'variadic_parameter_declaration') {
      const elem = typeFromNode(param.childForFieldName('type'));
      return elem && { kind: 'slice', elem };
    }
  }
  return undefined;
}

/** A named type resolved through type declarations in scope, to its underlying type literal. */
export function underlying(t: GoType | undefined, at: Node, depth = 0): GoType | undefined {
  if (!t || t.kind !== 'name' || depth > 8 || !/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(t.text)) return t;
  const d = lookup(t.text, at);
  if (d?.kind === 'typeparam') {
    const core = coreTerm(d.constraint);
    return core ? underlying(typeFromNode(core), core, depth + 1) : t;
  }
  if (d?.kind !== 'type' || !d.type) return t;
  if (d.type.type === 'struct_type') return t;
  return underlying(typeFromNode(d.type), d.type, depth + 1);
}

/**
 * The single type term of a constraint, `~[]E`, `[]E` or `interface{ ~[]E }`: the core type of
 * its type set, good enough for len, cap, indexing and unsafe.SliceData.
 */
function coreTerm(constraint: Node | null): Node | undefined {
  let n: Node | null | undefined = constraint;
  for (let i = 0; n && i < 4; i++) {
    const kids: Node[] = n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    switch (n.type) {
      case 'type_constraint':
      case 'type_elem':
      case 'negated_type':
        if (kids.length !== 1) return undefined;
        n = kids[0];
        continue;
      case 'interface_type':
        if (kids.length !== 1 || kids[0].type !== 'type_elem') return undefined;
        n = kids[0];
        continue;
      case 'slice_type':
      case 'array_type':
      case 'pointer_type':
        return n;
      default:
        return undefined;
    }
  }
  return undefined;
}

/* ---------------------------------------------------------------- expression types */

/** The type of an expression, where local syntax says it (see the module comment). */
export function typeOf(node: Node | null | undefined, depth = 0): GoType | undefined {
  if (!node || depth > 12) return undefined;
  const e = unparen(node);
  switch (e.type) {
    case 'int_literal':
      return { kind: 'untyped', text: 'int' };
    case 'rune_literal':
      return { kind: 'untyped', text: 'rune' };
    case 'float_literal':
      return { kind: 'untyped', text: 'float64' };
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return { kind: 'untyped', text: 'string' };
    case 'identifier': {
      const d = lookup(e.text, e);
      return d ? declaredType(d, depth + 1) : undefined;
    }
    case 'composite_literal': {
      const t = e.childForFieldName('type');
      if (t?.type === 'implicit_length_array_type') {
        const elem = typeFromNode(t.childForFieldName('element'));
        const n = e.childForFieldName('body')?.namedChildren.filter((c) => c?.type !== 'comment').length ?? 0;
        return elem && { kind: 'array', len: String(n), elem };
      }
      return typeFromNode(t);
    }
    case 'unary_expression': {
      const op = operatorOf(e);
      const operand = e.childForFieldName('operand');
      if (op === '&') {
        const inner = typeOf(operand, depth + 1);
        return inner && inner.kind !== 'untyped' ? { kind: 'pointer', elem: inner } : undefined;
      }
      if (op === '*') {
        const inner = typeOf(operand, depth + 1);
        return inner?.kind === 'pointer' ? inner.elem : undefined;
      }
      if (op === '-' || op === '+' || op === '^') return typeOf(operand, depth + 1);
      return undefined;
    }
    case 'binary_expression': {
      const op = operatorOf(e);
      const l = typeOf(e.childForFieldName('left'), depth + 1);
      if (op === '<<' || op === '>>') return l;
      if (['==', '!=', '<', '<=', '>', '>=', '&&', '||'].includes(op ?? '')) return { kind: 'untyped', text: 'bool' };
      const r = typeOf(e.childForFieldName('right'), depth + 1);
      if (l && l.kind !== 'untyped') return l;
      if (r && r.kind !== 'untyped') return r;
      return l && r ? l : undefined;
    }
    case 'index_expression': {
      const t = underlying(typeOf(e.childForFieldName('operand'), depth + 1), e);
      if (t?.kind === 'slice' || t?.kind === 'array') return t.elem;
      if (t?.kind === 'pointer') {
        const a = underlying(t.elem, e);
        if (a?.kind === 'array') return a.elem;
      }
      if (t?.kind === 'name' && t.text === 'string') return { kind: 'name', text: 'byte' };
      return undefined;
    }
    case 'slice_expression': {
      const t0 = typeOf(e.childForFieldName('operand'), depth + 1);
      const t = underlying(t0, e);
      if (t?.kind === 'array') return { kind: 'slice', elem: t.elem };
      if (t?.kind === 'pointer') {
        const a = underlying(t.elem, e);
        if (a?.kind === 'array') return { kind: 'slice', elem: a.elem };
      }
      if (t?.kind === 'slice' || (t?.kind === 'name' && t.text === 'string')) return t0;
      return undefined;
    }
    case 'selector_expression':
      return fieldType(e, depth);
    case 'type_conversion_expression':
    case 'call_expression': {
      const conv = asConversion(e);
      if (conv) return conv.type;
      if (e.type !== 'call_expression') return undefined;
      return callType(e, depth);
    }
    default:
      return undefined;
  }
}

function callType(call: Node, depth: number): GoType | undefined {
  const fn = call.childForFieldName('function');
  const args = callArgs(call);
  if (!fn || !args) return undefined;
  if (fn.type === 'identifier') {
    const d = lookup(fn.text, fn);
    if (d) {
      // A function of this file with one unnamed result.
      const result = d.kind === 'func' ? d.decl.childForFieldName('result') : null;
      return result && result.type !== 'parameter_list' ? typeFromNode(result) : undefined;
    }
    switch (fn.text) {
      case 'len':
      case 'cap':
        return { kind: 'name', text: 'int' };
      case 'new': {
        const t = typeFromNode(args[0]);
        return t && { kind: 'pointer', elem: t };
      }
      case 'make':
        return typeFromNode(args[0]);
      case 'append':
        return args.length > 0 ? typeOf(args[0], depth + 1) : undefined;
      default:
        return undefined;
    }
  }
  if (fn.type === 'selector_expression' && fn.childForFieldName('operand')?.text === 'unsafe') {
    switch (fn.childForFieldName('field')?.text) {
      case 'SliceData': {
        const t = underlying(typeOf(args[0], depth + 1), call);
        return t?.kind === 'slice' ? { kind: 'pointer', elem: t.elem } : undefined;
      }
      case 'StringData':
        return { kind: 'pointer', elem: { kind: 'name', text: 'byte' } };
      case 'Slice': {
        const t = typeOf(args[0], depth + 1);
        return t?.kind === 'pointer' ? { kind: 'slice', elem: t.elem } : undefined;
      }
      case 'String':
        return { kind: 'name', text: 'string' };
      case 'Sizeof':
      case 'Alignof':
      case 'Offsetof':
        return { kind: 'name', text: 'uintptr' };
      case 'Add':
        return { kind: 'name', text: 'unsafe.Pointer' };
      default:
        return undefined;
    }
  }
  return undefined;
}

/** `x.f` where x's type is a struct declared in scope. */
function fieldType(sel: Node, depth: number): GoType | undefined {
  const operand = sel.childForFieldName('operand');
  const field = sel.childForFieldName('field')?.text;
  if (!operand || !field) return undefined;
  let t = typeOf(operand, depth + 1);
  if (t?.kind === 'pointer') t = t.elem;
  if (t?.kind !== 'name' || !/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(t.text)) return undefined;
  const d = lookup(t.text, operand);
  if (d?.kind !== 'type' || d.type?.type !== 'struct_type') return undefined;
  const list = d.type.namedChildren.find((c) => c?.type === 'field_declaration_list');
  for (const fd of list?.namedChildren ?? []) {
    if (fd?.type !== 'field_declaration') continue;
    if (fd.childrenForFieldName('name').some((n) => n?.text === field)) return typeFromNode(fd.childForFieldName('type'));
  }
  return undefined;
}

/* ---------------------------------------------------------------- purity */

const PURE_BUILTINS = new Set(['len', 'cap', 'min', 'max', 'real', 'imag', 'complex']);
const PURE_UNSAFE = new Set(['Pointer', 'SliceData', 'StringData', 'Sizeof', 'Alignof', 'Offsetof', 'Add', 'Slice', 'String']);

/**
 * No side effects and the same value when evaluated again right away: no calls but
 * conversions and pure builtins, no receive. (Panics, e.g. an index out of range, are not
 * side effects here.)
 */
export function isPure(node: Node | null | undefined): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      if (!fn) return false;
      const conv = asConversion(node);
      const pureFn =
        conv !== undefined ||
        (fn.type === 'identifier' && PURE_BUILTINS.has(fn.text) && !lookup(fn.text, fn)) ||
        (fn.type === 'selector_expression' && fn.childForFieldName('operand')?.text === 'unsafe' && PURE_UNSAFE.has(fn.childForFieldName('field')?.text ?? ''));
      return pureFn && (callArgs(node) ?? [null as unknown as Node]).every((a) => a !== null && isPure(a));
    }
    case 'unary_expression':
      return operatorOf(node) !== '<-' && isPure(node.childForFieldName('operand'));
    case 'func_literal':
      return true; // not called here
    case 'type_conversion_expression':
      return asConversion(node) !== undefined && isPure(node.childForFieldName('operand'));
    default:
      return node.namedChildren.every((c) => !c || isPure(c));
  }
}

/* ---------------------------------------------------------------- names */

/** Identifier tokens of a node's text (the node's own identifiers, excluding field names after a dot). */
export function mentions(node: Node, name: string): boolean {
  if ((node.type === 'identifier' || node.type === 'type_identifier' || node.type === 'package_identifier') && node.text === name) return true;
  return node.namedChildren.some((c) => c !== null && mentions(c, name));
}

/** The top-level declaration holding `node`. */
export function topLevel(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== 'source_file') n = n.parent;
  return n;
}

/** The nearest enclosing function (declaration or literal). */
export function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (FUNCTIONS.has(p.type)) return p;
  return undefined;
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

/** Whether `word` occurs as a whole word in `text` (code, comments or strings alike). */
export function hasWord(text: string, word: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{Nd}_])${word}(?![\\p{L}\\p{Nd}_])`, 'u').test(text);
}

/** Indentation of the line holding `at` (its leading spaces and tabs). */
export function indentAt(source: string, at: number): string {
  const start = source.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(source.slice(start, at))![0];
}

/** Whether only spaces and tabs precede `at` on its line. */
export function startsLine(source: string, at: number): boolean {
  const start = source.lastIndexOf('\n', at - 1) + 1;
  return source.slice(start, at).trim() === '';
}

/** Comment nodes strictly inside [start, end). */
export function commentsIn(root: Node, start: number, end: number): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (n.endIndex <= start || n.startIndex >= end) return;
    if (n.type === 'comment') {
      if (n.startIndex >= start && n.endIndex <= end) out.push(n);
      return;
    }
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(root);
  return out;
}
