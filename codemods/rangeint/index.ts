/**
 * rangeint: `for i := 0; i < n; i++ { ... }` becomes `for i := range n { ... }` (Go 1.22),
 * or `for range n` when the body does not use i; after
 * golang.org/x/tools/go/analysis/passes/modernize/rangeint.go, with syntax in place of types.
 *
 * A range loop evaluates n once and ignores what the body does to i, so the two loops are the
 * same only when, provably from the file's text:
 *
 * - i is not changed by the body (assigned, ++, its address taken: see the toolkit's
 *   mayModify), closures included;
 * - n keeps its value: it is built from integer literals, constants, local variables that
 *   nothing in the function changes, `len(x)` of such a variable x whose length nothing can
 *   change, conversions to integer types and arithmetic (no other call, no field, no index);
 * - `for i = 0; ...` (i declared before the loop): i is a local variable of a known integer
 *   type, the body reads it, and nothing after the loop (or in a closure, or in an enclosing
 *   loop) can see the value the loop leaves in it, which differs;
 * - the type of i stays: `i := 0` is an int, as `range n` gives for an untyped constant n and
 *   as a typed n must be (i < n compiles); `i := int8(0)` with an untyped constant n becomes
 *   `range int8(n)`; where typedness is unknown the loop stays.
 */
import {
  asConversion,
  callArgs,
  commentsIn,
  declaredType,
  defineCodemod,
  enclosingTopLevel,
  fileAllowsGo,
  FUNCTION_NODE_TYPES,
  identifiersNamed,
  INTEGER_TYPES,
  declarationScopes,
  declaredInPackage,
  listImports,
  lookupDeclaration,
  mayModify,
  mayModifyIn,
  operatorOf,
  typeOf,
  underlying,
  unparen,
  type Node,
  type Scope,
  type SourceFile,
} from 'gocodemod';

const GO = '1.22';

/**
 * `for i := 0; i < ...; i++` (or `=`), spaced any way: only files holding one are parsed. The
 * parts are bounded so that a huge line costs linear time (a longer header is left alone).
 */
const CANDIDATE = /\bfor[ \t]+([\p{L}_][\p{L}\p{Nd}_]*)[ \t]*:?=[^;\n]{0,200};[ \t]*\1[ \t]*<([^;\n]{0,400});[ \t]*\1[ \t]*\+\+/gu;

/**
 * What a limit that can keep its value is made of, as text (see limitKind): names, integer
 * literals, parentheses and integer operators; calls only of len and of conversions to
 * predeclared integer types. A limit with anything else (a selector, an index, a string, a
 * float, another call) is never rewritten: its loop is left without parsing the file for it.
 */
const LIMIT_CHARS = /^[\p{L}\p{Nd}_\s()+\-*/%<>&|^]*$/u;
const CALLED = /([\p{L}_][\p{L}\p{Nd}_]*)\s*\(/gu;

function limitMayKeepItsValue(limit: string): boolean {
  if (!LIMIT_CHARS.test(limit)) return false;
  for (const m of limit.matchAll(CALLED)) if (m[1] !== 'len' && !INTEGER_TYPES.has(m[1])) return false;
  return true;
}

/** What the limit is, once known to keep its value: an untyped integer constant, or typed (then i's type). */
type LimitKind = 'untyped' | 'typed';

interface Header {
  clause: Node;
  index: Node;
  /** `i := ...` rather than `i = ...`. */
  define: boolean;
  /** i's type as the initializer gives it (`int` for 0, T for T(0)); undefined for `=`. */
  type?: string;
  limit: Node;
}

/** What checking a name needs: whether a predeclared name is shadowed at an offset of the file, and the function. */
interface Env {
  shadowed: (name: string, at: number) => boolean;
  fn: Node;
  /** `identifiersNamed(fn, name)`, computed once per function and name. */
  mentions: (name: string) => Node[];
}

/** identifiersNamed over top-level functions, cached: a function with many loops asks again and again. */
function mentionCache(): (fn: Node, name: string) => Node[] {
  const cache = new Map<string, Node[]>();
  return (fn, name) => {
    const key = `${fn.id}\0${name}`;
    let m = cache.get(key);
    if (!m) cache.set(key, (m = identifiersNamed(fn, name)));
    return m;
  };
}

/**
 * isShadowed for one file, with the scopes of each name computed once: a file with hundreds
 * of loops asks about `len` and `int` hundreds of times.
 */
function shadowChecker(files: readonly SourceFile[], file: SourceFile): Env['shadowed'] {
  const byName = new Map<string, 'package' | Scope[]>();
  return (name, at) => {
    let s = byName.get(name);
    if (!s) {
      s = declaredInPackage(files, name) || listImports(file).some((i) => i.qualifier === name) ? 'package' : declarationScopes(file, name);
      byName.set(name, s);
    }
    return s === 'package' || s.some((r) => r.start <= at && at < r.end);
  };
}

export default defineCodemod({
  name: 'rangeint',
  description: 'Replace `for i := 0; i < n; i++` with `for i := range n` where it is provably the same loop (Go 1.22).',
  needles: ['++'],
  minGo: GO,
  scope: 'package',
  run(ctx) {
    for (const file of ctx.files) {
      if (!file.editable || !file.source.includes('++')) continue;
      if (!fileAllowsGo(file.source, file.moduleGoVersion ?? file.goVersion, GO)) continue;
      const shadowed = shadowChecker(ctx.files, file);
      const mentions = mentionCache();
      for (const m of file.source.matchAll(CANDIDATE)) {
        if (!limitMayKeepItsValue(m[2])) continue;
        const loop = file.tree.rootNode.descendantForIndex(m.index!, m.index! + 3)?.parent;
        if (loop?.type !== 'for_statement' || loop.startIndex !== m.index) continue;
        const rewrite = rewriteOf(loop, shadowed, mentions);
        if (!rewrite) continue;
        ctx.report({
          file,
          start: loop.startIndex,
          end: rewrite.clause.endIndex,
          message: `for loop can be modernized using range over int: ${rewrite.text}`,
          fixes: [{ message: `Replace with ${rewrite.text}`, edits: [{ start: rewrite.clause.startIndex, end: rewrite.clause.endIndex, text: rewrite.text.slice('for '.length) }] }],
        });
      }
    }
  },
});

/** The new header of a loop that can become a range over int, or undefined. */
function rewriteOf(loop: Node, shadowed: Env['shadowed'], mentions: (fn: Node, name: string) => Node[]): { clause: Node; text: string } | undefined {
  if (loop.hasError) return undefined;
  const h = header(loop);
  const body = loop.childForFieldName('body');
  if (!h || !body) return undefined;
  const top = enclosingTopLevel(loop);
  if (!FUNCTION_NODE_TYPES.has(top.type)) return undefined;
  const env: Env = { shadowed, fn: top, mentions: (name) => mentions(top, name) };
  const name = h.index.text;

  if (mayModifyIn(body, name)) return undefined;
  let type = h.type;
  if (!h.define) {
    type = assignedIndexType(loop, h.index, env);
    if (!type || !identifiersNamed(body, name).length) return undefined; // unread afterwards: "declared and not used"
  }
  if (h.type && h.type !== 'int' && shadowed(h.type, loop.startIndex)) return undefined;

  const kind = limitKind(h.limit, env, name);
  if (!kind) return undefined;
  let limit = h.limit.text;
  // `range N` of an untyped constant gives a new variable N's default type, int; a
  // variable that exists keeps its own type.
  if (kind === 'untyped' && h.define && type !== 'int') limit = `${type}(${limit})`;
  const unused = h.define && identifiersNamed(body, name).length === 0;
  const text = unused ? `for range ${limit}` : `for ${name} ${h.define ? ':=' : '='} range ${limit}`;
  return { clause: h.clause, text };
}

/** `i := 0` / `i := T(0)` / `i = 0`, `i < limit`, `i++`, with nothing else (no comments) in the clause. */
function header(loop: Node): Header | undefined {
  const clause = loop.namedChildren.find((c) => c?.type === 'for_clause');
  if (!clause || commentsIn(clause, clause.startIndex, clause.endIndex).length) return undefined;
  const init = clause.childForFieldName('initializer');
  const cond = clause.childForFieldName('condition');
  const update = clause.childForFieldName('update');
  if (!init || !cond || !update) return undefined;
  const define = init.type === 'short_var_declaration';
  if (!define && !(init.type === 'assignment_statement' && operatorOf(init) === '=')) return undefined;
  const left = init.childForFieldName('left')?.namedChildren ?? [];
  const right = init.childForFieldName('right')?.namedChildren ?? [];
  if (left.length !== 1 || right.length !== 1 || left[0]?.type !== 'identifier' || left[0].text === '_') return undefined;
  const index = left[0];
  const type = zeroType(right[0]!);
  if (!type) return undefined;
  if (cond.type !== 'binary_expression' || operatorOf(cond) !== '<') return undefined;
  const l = cond.childForFieldName('left');
  const limit = cond.childForFieldName('right');
  if (l?.type !== 'identifier' || l.text !== index.text || !limit) return undefined;
  if (update.type !== 'inc_statement' || update.namedChildren[0]?.type !== 'identifier' || update.namedChildren[0].text !== index.text) return undefined;
  return { clause, index, define, type: define ? type : undefined, limit };
}

/** The type a zero initializer gives i: `0` is an int, `int8(0)` an int8 (a predeclared integer type). */
function zeroType(init: Node): string | undefined {
  const e = unparen(init);
  if (e.type === 'int_literal') return isZero(e.text) ? 'int' : undefined;
  const conv = asConversion(e);
  if (!conv || conv.typeNode.type !== 'identifier' || !INTEGER_TYPES.has(conv.typeNode.text)) return undefined;
  const operand = unparen(conv.operand);
  return operand.type === 'int_literal' && isZero(operand.text) ? conv.typeNode.text : undefined;
}

function isZero(literal: string): boolean {
  const digits = literal.replace(/_/g, '').replace(/^0[xXbBoO]/, '');
  return /^0+$/.test(digits);
}

/**
 * `for i = 0; ...`: i's type (a predeclared integer type), when i is a local variable whose
 * value after the loop nobody reads: no mention of it after the loop, in a closure, or before
 * the loop inside a loop that encloses this one; no goto in the function.
 */
function assignedIndexType(loop: Node, index: Node, env: Env): string | undefined {
  const d = lookupDeclaration(index.text, index);
  if (d?.kind !== 'var' || !within(d.name, env.fn)) return undefined;
  const t = declaredType(d);
  if (t?.kind !== 'name' || !INTEGER_TYPES.has(t.text) || env.shadowed(t.text, loop.startIndex)) return undefined;
  if (env.fn.descendantsOfType('goto_statement').length) return undefined;
  for (const id of env.mentions(index.text)) {
    if (id.id === d.name.id || within(id, loop)) continue;
    if (id.startIndex > loop.endIndex || insideFuncLiteral(id, env.fn)) return undefined;
    for (let p = loop.parent; p && p.id !== env.fn.id; p = p.parent) {
      if (p.type === 'for_statement' && within(id, p)) return undefined;
    }
  }
  return t.text;
}

/**
 * Whether the limit keeps its value through the loop, and whether it is an untyped constant or
 * typed: literals, constants, local variables nothing changes, len of such a variable,
 * conversions to integer types, and arithmetic on those.
 */
function limitKind(node: Node, env: Env, index: string): LimitKind | undefined {
  const e = node;
  switch (e.type) {
    case 'parenthesized_expression': {
      const inner = e.namedChildren.filter((c) => c?.type !== 'comment');
      return inner.length === 1 ? limitKind(inner[0]!, env, index) : undefined;
    }
    case 'int_literal':
      return 'untyped';
    case 'identifier':
      return e.text === index ? undefined : identifierKind(e, env);
    case 'unary_expression': {
      const op = operatorOf(e);
      return op === '-' || op === '+' || op === '^' ? limitKind(e.childForFieldName('operand')!, env, index) : undefined;
    }
    case 'binary_expression': {
      const op = operatorOf(e) ?? '';
      if (!['+', '-', '*', '/', '%', '<<', '>>', '&', '|', '^', '&^'].includes(op)) return undefined;
      const l = limitKind(e.childForFieldName('left')!, env, index);
      const r = limitKind(e.childForFieldName('right')!, env, index);
      if (!l || !r) return undefined;
      // `1 << n`: an untyped constant shifted by a variable takes its type from the context,
      // which is not the same in `i < 1<<n` and in `range 1<<n`.
      if ((op === '<<' || op === '>>') && l === 'untyped' && r === 'typed') return undefined;
      return l === 'typed' || r === 'typed' ? 'typed' : 'untyped';
    }
    case 'call_expression':
    case 'type_conversion_expression': {
      const conv = asConversion(e);
      if (conv) {
        if (conv.typeNode.type !== 'identifier' || !INTEGER_TYPES.has(conv.typeNode.text) || env.shadowed(conv.typeNode.text, e.startIndex)) return undefined;
        return limitKind(conv.operand, env, index) ? 'typed' : undefined;
      }
      return lenKind(e, env);
    }
    default:
      return undefined;
  }
}

/** A constant (by its declaration in this file) or a local variable that nothing in the function changes. */
function identifierKind(id: Node, env: Env): LimitKind | undefined {
  const d = lookupDeclaration(id.text, id);
  if (!d) return undefined; // another file, or predeclared: unknown
  if (d.kind === 'const') {
    if (d.type) return 'typed';
    if (!d.value) return undefined; // iota repetition and the like
    const t = typeOf(d.value);
    if (t?.kind === 'untyped') return t.text === 'int' && constantOfIntegers(d.value, 0) ? 'untyped' : undefined;
    return t ? 'typed' : undefined;
  }
  if (d.kind !== 'var' || !within(d.name, env.fn)) return undefined;
  const changed = env.mentions(id.text).some((m) => m.id !== d.name.id && mayModify(m));
  return changed ? undefined : 'typed';
}

/** An untyped constant expression of integer literals and such constants (no float, rune or conversion). */
function constantOfIntegers(node: Node, depth: number): boolean {
  if (depth > 8) return false;
  const e = unparen(node);
  switch (e.type) {
    case 'int_literal':
      return true;
    case 'identifier': {
      if (e.text === 'iota') return !lookupDeclaration('iota', e);
      const d = lookupDeclaration(e.text, e);
      return d?.kind === 'const' && !d.type && !!d.value && constantOfIntegers(d.value, depth + 1);
    }
    case 'unary_expression':
      return ['-', '+', '^'].includes(operatorOf(e) ?? '') && constantOfIntegers(e.childForFieldName('operand')!, depth + 1);
    case 'binary_expression':
      return (
        ['+', '-', '*', '/', '%', '<<', '>>', '&', '|', '^', '&^'].includes(operatorOf(e) ?? '') &&
        constantOfIntegers(e.childForFieldName('left')!, depth + 1) &&
        constantOfIntegers(e.childForFieldName('right')!, depth + 1)
      );
    default:
      return false;
  }
}

/**
 * `len(x)` (the builtin) of a local variable x whose length nothing can change: of a slice,
 * string, array or array pointer type (as local syntax says it), never reassigned. A variable
 * of unknown type could be a map or a channel, whose length changes without assigning x (a
 * call in the loop may delete from a map the variable shares with others): not used.
 */
function lenKind(call: Node, env: Env): LimitKind | undefined {
  const fn = call.childForFieldName('function');
  const args = callArgs(call);
  if (fn?.type !== 'identifier' || fn.text !== 'len' || args?.length !== 1) return undefined;
  if (env.shadowed('len', call.startIndex)) return undefined;
  const x = unparen(args[0]);
  if (x.type !== 'identifier') return undefined;
  const d = lookupDeclaration(x.text, x);
  if (d?.kind !== 'var' || !within(d.name, env.fn)) return undefined;
  const t = underlying(typeOf(x), x);
  const fixed = t && (t.kind === 'slice' || t.kind === 'array' || (t.kind === 'pointer' && underlying(t.elem, x)?.kind === 'array') || (t.kind === 'name' && t.text === 'string'));
  if (!fixed) return undefined;
  return env.mentions(x.text).some((m) => m.id !== d.name.id && reassigns(m)) ? undefined : 'typed';
}

/** A mention that may give the variable itself a new value (not one of its elements). */
function reassigns(id: Node): boolean {
  let n = id;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'selector_expression') return true; // a method of a named slice type may reassign *x
  if (p.type === 'unary_expression' && operatorOf(p) === '&') return true;
  return mayModify(id) && p.type !== 'index_expression' && p.type !== 'slice_expression';
}

function within(node: Node, outer: Node): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

function insideFuncLiteral(node: Node, fn: Node): boolean {
  for (let p = node.parent; p && p.id !== fn.id; p = p.parent) if (p.type === 'func_literal') return true;
  return false;
}
