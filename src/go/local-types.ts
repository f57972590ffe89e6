/**
 * What Go code says about types without go/types: the type of an expression where local
 * syntax says it (literals, conversions, declarations in scope, fields of structs declared in
 * the file, builtins and package unsafe), type identity, conversions, and whether an
 * expression has side effects. Used by the unsafe codemods; useful to any codemod that must
 * not guess.
 *
 * Everything here answers "don't know" (undefined / false) rather than guess: a codemod that
 * cannot be sure leaves the code alone and says why.
 */
import type { Node } from './codemod.js';
import { lookupDeclaration, type Declaration } from './declarations.js';
import { callArgs, operatorOf, unparen } from './syntax.js';

/**
 * A type as local syntax spells it: pointers, slices and arrays are structured (their
 * element types matter to the unsafe codemods); every other type is its source text with
 * spaces collapsed; an untyped constant carries its default type.
 */
export type GoType =
  | { kind: 'pointer'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'array'; len: string; elem: GoType }
  /** Any other type, by its source text (spaces collapsed): `byte`, `reflect.Value`, `map[K]V`. */
  | { kind: 'name'; text: string }
  /** An untyped constant: its default type is 'int', 'rune', 'float64', 'complex128', 'string' or 'bool'. */
  | { kind: 'untyped'; text: string };

const ALIASES: Record<string, string> = { byte: 'uint8', rune: 'int32' };

/** The predeclared integer types, aliases included. */
export const INTEGER_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'byte', 'rune']);

const BASIC_TYPES = new Set([...INTEGER_TYPES, 'bool', 'string', 'float32', 'float64', 'complex64', 'complex128', 'error', 'any']);

/** Go source text of a type: `*[]byte`, `[4]int`, `map[string]int`. */
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

/** Whether two known types are identical (`byte` is `uint8`, `rune` is `int32`); false when either is unknown or untyped. */
export function sameType(a: GoType | undefined, b: GoType | undefined): boolean {
  if (!a || !b || a.kind === 'untyped' || b.kind === 'untyped') return false;
  if (a.kind === 'name' && b.kind === 'name') return (ALIASES[a.text] ?? a.text) === (ALIASES[b.text] ?? b.text);
  if (a.kind !== b.kind) return false;
  if (a.kind === 'array' && b.kind === 'array' && a.len !== b.len) return false;
  return 'elem' in a && 'elem' in b && sameType(a.elem, b.elem);
}

/** Whether the type is `int`, or an untyped integer or rune constant (which defaults to a value `int` accepts). */
export function isIntType(t: GoType | undefined): boolean {
  return !!t && ((t.kind === 'untyped' && (t.text === 'int' || t.text === 'rune')) || (t.kind === 'name' && t.text === 'int'));
}

/** Whether the type is any integer type, or an untyped integer or rune constant. */
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

/** A conversion `T(x)`, as `asConversion` reads it. */
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
  if (fn.type === 'identifier' && (BASIC_TYPES.has(fn.text) || lookupDeclaration(fn.text, fn)?.kind === 'type')) {
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
  const d = lookupDeclaration(t.text, at);
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
      const d = lookupDeclaration(e.text, e);
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
    const d = lookupDeclaration(fn.text, fn);
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
  const d = lookupDeclaration(t.text, operand);
  if (d?.kind !== 'type' || d.type?.type !== 'struct_type') return undefined;
  const list = d.type.namedChildren.find((c) => c?.type === 'field_declaration_list');
  for (const fd of list?.namedChildren ?? []) {
    if (fd?.type !== 'field_declaration') continue;
    if (fd.childrenForFieldName('name').some((n) => n?.text === field)) return typeFromNode(fd.childForFieldName('type'));
  }
  return undefined;
}

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
        (fn.type === 'identifier' && PURE_BUILTINS.has(fn.text) && !lookupDeclaration(fn.text, fn)) ||
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
