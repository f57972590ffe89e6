/**
 * sliceheader-to-unsafe-slice: reflect.SliceHeader and reflect.StringHeader are deprecated
 * (Go 1.21 docs: "Use unsafe.Slice or unsafe.SliceData instead"); this rewrites their uses to
 * unsafe.Slice (Go 1.17), unsafe.SliceData, unsafe.String and unsafe.StringData (Go 1.20).
 *
 *     var s []T                                            s := unsafe.Slice(p, n)
 *     sh := (*reflect.SliceHeader)(unsafe.Pointer(&s))
 *     sh.Data = uintptr(unsafe.Pointer(p))          ⇒
 *     sh.Len = n
 *     sh.Cap = n
 *
 *     *(*[]T)(unsafe.Pointer(&reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p)), Len: n, Cap: c}))
 *                                                   ⇒   unsafe.Slice(p, c)[:n]
 *     (*reflect.SliceHeader)(unsafe.Pointer(&s)).Data   ⇒   uintptr(unsafe.Pointer(unsafe.SliceData(s)))
 *     unsafe.Pointer((*reflect.StringHeader)(unsafe.Pointer(&s)).Data)
 *                                                   ⇒   unsafe.Pointer(unsafe.StringData(s))
 *
 * and a header variable that is only read (`h.Data`, `h.Len`, `h.Cap`). Every other use of the
 * two types is reported without a fix, with the reason. The reflect import goes when nothing
 * uses it any more. unsafe.Slice needs Go 1.17 (the codemod's minGo); unsafe.SliceData,
 * String and StringData need Go 1.20, checked per fix against the file's Go version.
 *
 * The inverse of unsafe-slice-to-sliceheader: see test/unsafe-roundtrip.test.ts.
 */
import {
  asConversion,
  asDeref,
  commentsIn,
  compareGoVersions,
  defineCodemod,
  fixer,
  indentAt,
  isField,
  isIntegerType,
  isPure,
  lookupDeclaration,
  mentions,
  operatorOf,
  overlaps,
  plainCall,
  qualifiedCall,
  qualifierOf,
  removeIfUnused,
  sameType,
  scanTokens,
  startsLine,
  typeOf,
  typeText,
  underlying,
  unparen,
  type Edit,
  type GoType,
  type Node,
  type SourceFile,
} from 'gocodemod';

type Kind = 'Slice' | 'String';

interface Site {
  start: number;
  end: number;
  message: string;
  edits?: Edit[];
  reason?: string;
  /** The Go version the rewrite needs (unsafe.Slice: the codemod's minGo). */
  needs?: string;
  /** Other header occurrences (their start offsets) this rewrite takes care of. */
  covers?: number[];
}

const BYTE: GoType = { kind: 'name', text: 'byte' };

export default defineCodemod({
  name: 'sliceheader-to-unsafe-slice',
  description: 'Replace the deprecated reflect.SliceHeader and reflect.StringHeader with unsafe.Slice, unsafe.SliceData, unsafe.String and unsafe.StringData.',
  needles: ['SliceHeader', 'StringHeader'],
  minGo: '1.17',
  run(ctx) {
    const file = ctx.file;
    const sites = findSites(file);
    if (sites.length === 0) return;

    // Removing the reflect import: only when, after every fix of the file, nothing uses it. The
    // fix that takes it out must then be the last one applied, so with several fixes one waits
    // for the next round (and the engine never applies a shared edit twice in one round).
    const fixable = sites.filter((s) => s.edits);
    const all = fixable.flatMap((s) => s.edits!);
    const clash = all.some((a, i) => all.some((b, j) => j > i && overlaps(a, b)));
    if (fixable.length > 0 && !clash) {
      const removal = removeIfUnused(file, 'reflect', all);
      if (removal.length > 0) {
        if (fixable.length === 1) fixable[0].edits!.push(...removal);
        else fixable[fixable.length - 1].edits = undefined;
      }
    }
    for (const s of sites) {
      ctx.report({
        start: s.start,
        end: s.end,
        message: s.reason ? `${s.message}; not rewritten: ${s.reason}` : s.message,
        fixes: s.edits ? [{ message: 'Use the unsafe functions', edits: s.edits }] : [],
      });
    }
  },
});

function message(kind: Kind, what: 'build' | 'read' | 'other'): string {
  const base = `reflect.${kind}Header is deprecated`;
  if (what === 'build') return kind === 'Slice' ? `${base}: build the slice with unsafe.Slice` : `${base}: build the string with unsafe.String`;
  if (what === 'read') return kind === 'Slice' ? `${base}: use unsafe.SliceData, len and cap` : `${base}: use unsafe.StringData and len`;
  return base;
}

interface Env {
  file: SourceFile;
  src: string;
  rq: string;
  uq: string | undefined;
  /** The site of each header pointer variable, by its declaring statement. */
  headerSites: Map<number, Site>;
}

const HEADER_WORD = /(?<![\p{L}\p{Nd}_])(?:Slice|String)Header(?![\p{L}\p{Nd}_])/u;

function findSites(file: SourceFile): Site[] {
  // A file that does not import reflect has no site: say so without parsing it (reading its
  // imports needs its tree). Its import path can only be spelled "reflect" or `reflect`.
  if (!file.source.includes('"reflect"') && !file.source.includes('`reflect`')) return [];
  // Nor does a file where the needle is only part of a longer name (the compiler's
  // ir.SliceHeaderExpr): every site below is the whole word, after a qualifier or not.
  if (!HEADER_WORD.test(file.source)) return [];
  const rq = qualifierOf(file, 'reflect');
  if (!rq) return [];
  const src = file.source;
  const re = new RegExp(`(?<![\\p{L}\\p{Nd}_.])${rq}\\s*\\.\\s*(Slice|String)Header(?![\\p{L}\\p{Nd}_])`, 'gu');
  const matches = [...src.matchAll(re)];
  // The imports came from the text: a file that never writes `reflect.SliceHeader` is not parsed.
  if (matches.length === 0) return [];
  const root = file.tree.rootNode;
  const env: Env = { file, src, rq, uq: qualifierOf(file, 'unsafe'), headerSites: new Map() };
  const sites: Site[] = [];
  const covered = new Set<number>();
  for (const m of matches) {
    const id = root.descendantForIndex(m.index, m.index + rq.length);
    const parent = id?.parent;
    if (!id || !parent || id.startIndex !== m.index) continue;
    if (!(id.type === 'identifier' && parent.type === 'selector_expression') && !(id.type === 'package_identifier' && parent.type === 'qualified_type')) continue;
    if (covered.has(m.index)) continue;
    const kind = m[1] as Kind;
    const site = parent.type === 'selector_expression' ? headerConversion(env, parent, kind) : headerLiteral(env, parent, kind);
    site.message ||= message(kind, 'other');
    if (site.edits && site.needs && file.goVersion !== undefined && compareGoVersions(file.goVersion, site.needs) < 0) {
      site.edits = undefined;
      site.reason = `it needs Go ${site.needs} and this file is at go ${file.goVersion}`;
    }
    if (site.edits) for (const c of site.covers ?? []) covered.add(c);
    sites.push(site);
  }
  return sites;
}

/* ---------------------------------------------------------------- (*reflect.SliceHeader)(unsafe.Pointer(&x)) */

function headerConversion(env: Env, sel: Node, kind: Kind): Site {
  const other = (reason: string, at: Node = sel): Site => ({ start: at.startIndex, end: at.endIndex, message: message(kind, 'other'), reason });
  // sel is `reflect.SliceHeader` in `(*reflect.SliceHeader)(unsafe.Pointer(&x))`
  const star = sel.parent;
  const paren = star?.parent;
  const call = paren?.parent;
  if (star?.type !== 'unary_expression' || operatorOf(star) !== '*' || paren?.type !== 'parenthesized_expression' || call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== paren.id) {
    return other('it is not a conversion (*reflect.' + kind + 'Header)(unsafe.Pointer(&x))');
  }
  const conv = asConversion(call);
  const ptr = conv && unparen(conv.operand);
  const ptrArgs = ptr && qualifiedCall(ptr, env.uq, 'Pointer');
  const addr = ptrArgs?.length === 1 ? unparen(ptrArgs[0]) : undefined;
  if (!addr || addr.type !== 'unary_expression' || operatorOf(addr) !== '&') {
    return other(`it does not point at a ${kind === 'Slice' ? 'slice' : 'string'} variable (&x)`, call);
  }
  const x = addr.childForFieldName('operand')!;
  let use: Node = call;
  while (use.parent?.type === 'parenthesized_expression') use = use.parent;
  const parent = use.parent;
  if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.id === use.id) {
    return fieldRead(env, parent, x, kind);
  }
  if (parent?.type === 'expression_list' && parent.parent?.type === 'short_var_declaration') {
    const decl = parent.parent;
    const left = decl.childForFieldName('left')?.namedChildren ?? [];
    const right = decl.childForFieldName('right')?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
    if (left.length !== 1 || right.length !== 1 || left[0]?.type !== 'identifier') return other('it declares more than the header pointer', decl);
    return remember(env, decl, headerVariable(env, decl, left[0].text, x, kind));
  }
  // var h = (*reflect.SliceHeader)(unsafe.Pointer(&x))
  const spec = parent?.type === 'expression_list' ? parent.parent : undefined;
  if (spec?.type === 'var_spec' && spec.parent?.type === 'var_declaration') {
    const names = spec.childrenForFieldName('name');
    const values = parent!.namedChildren.filter((c) => c?.type !== 'comment');
    if (names.length !== 1 || values.length !== 1 || spec.childForFieldName('type')) return other('it declares more than the header pointer', spec);
    return remember(env, spec.parent, headerVariable(env, spec.parent, names[0]!.text, x, kind));
  }
  return other('the header pointer is used in a way this codemod does not rewrite', call);
}

/** `(*reflect.SliceHeader)(unsafe.Pointer(&x))` (or StringHeader): its kind, x, and where `reflect` is. */
function headerTarget(env: Env, call: Node): { kind: Kind; x: Node; at: number } | undefined {
  const conv = asConversion(call);
  if (!conv || conv.typeNode.type !== 'unary_expression') return undefined;
  const sel = conv.typeNode.childForFieldName('operand');
  const q = sel?.childForFieldName('operand');
  const name = sel?.childForFieldName('field')?.text;
  if (sel?.type !== 'selector_expression' || q?.text !== env.rq || (name !== 'SliceHeader' && name !== 'StringHeader')) return undefined;
  const args = qualifiedCall(unparen(conv.operand), env.uq, 'Pointer');
  const addr = args?.length === 1 ? unparen(args[0]) : undefined;
  if (addr?.type !== 'unary_expression' || operatorOf(addr) !== '&') return undefined;
  return { kind: name === 'SliceHeader' ? 'Slice' : 'String', x: addr.childForFieldName('operand')!, at: q.startIndex };
}

/** Is `x` (in `&x`) certainly a slice (or a string) by local syntax? Its element type. */
function targetElem(x: Node, kind: Kind): GoType | string {
  const t = underlying(typeOf(x), x);
  if (kind === 'Slice') return t?.kind === 'slice' ? t.elem : `cannot tell that ${short(x.text)} is a slice`;
  return t?.kind === 'name' && t.text === 'string' ? BYTE : `cannot tell that ${short(x.text)} is a string`;
}

/** `h.F` (or `(*reflect.SliceHeader)(unsafe.Pointer(&x)).F`) read as a value: its replacement. */
function readReplacement(env: Env, sel: Node, xText: string, kind: Kind): { edit: Edit; needs?: string } | string {
  const field = sel.childForFieldName('field')?.text;
  if (!isRead(sel)) return `${field} is written, not read`;
  const uq = env.uq!;
  if (field === 'Len' || (field === 'Cap' && kind === 'Slice')) {
    const fn = field === 'Len' ? 'len' : 'cap';
    if (lookupDeclaration(fn, sel)) return `${fn} is declared here, not the builtin`;
    return { edit: fixer.replace(sel, `${fn}(${xText})`) };
  }
  if (field !== 'Data') return `it reads ${field}`;
  const data = `${uq}.${kind}Data(${xText})`;
  // unsafe.Pointer(h.Data) needs no uintptr at all.
  let outer: Node = sel;
  while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
  const call = outer.parent?.parent;
  if (outer.parent?.type === 'argument_list' && call && qualifiedCall(call, uq, 'Pointer')?.length === 1) {
    return { edit: fixer.replace(call, `${uq}.Pointer(${data})`), needs: '1.20' };
  }
  if (lookupDeclaration('uintptr', sel)) return 'uintptr is declared here, not the builtin';
  return { edit: fixer.replace(sel, `uintptr(${uq}.Pointer(${data}))`), needs: '1.20' };
}

/** A selector used as a value: not assigned to, incremented, or addressed. */
function isRead(sel: Node): boolean {
  let n: Node = sel;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'unary_expression' && operatorOf(p) === '&') return false;
  if (p.type === 'inc_statement' || p.type === 'dec_statement') return false;
  if (p.type === 'expression_list') {
    const stmt = p.parent;
    if ((stmt?.type === 'assignment_statement' || stmt?.type === 'short_var_declaration' || stmt?.type === 'range_clause') && isField(stmt, 'left', p)) return false;
  }
  return true;
}

function fieldRead(env: Env, sel: Node, x: Node, kind: Kind): Site {
  const site: Site = { start: sel.startIndex, end: sel.endIndex, message: message(kind, 'read') };
  const elem = targetElem(x, kind);
  if (typeof elem === 'string') return { ...site, reason: elem };
  if (commentsIn(sel, sel.startIndex, sel.endIndex).length) return { ...site, reason: 'it holds comments' };
  const r = readReplacement(env, sel, x.text, kind);
  if (typeof r === 'string') return { ...site, reason: r };
  return { ...site, edits: [r.edit], needs: r.needs };
}

/* ---------------------------------------------------------------- h := (*reflect.SliceHeader)(unsafe.Pointer(&x)) */

interface Write {
  stmt: Node;
  field: 'Data' | 'Len' | 'Cap';
  value: Node;
}

function remember(env: Env, decl: Node, site: Site): Site {
  env.headerSites.set(decl.id, site);
  return site;
}

/** `h := (*reflect.SliceHeader)(unsafe.Pointer(&x))` (or `var h = …`), the statement `decl`. */
function headerVariable(env: Env, decl: Node, h: string, x: Node, kind: Kind): Site {
  const { src } = env;
  const other = (reason: string): Site => ({ start: decl.startIndex, end: decl.endIndex, message: message(kind, 'other'), reason });
  const list = decl.parent;
  const block = list?.parent;
  if (list?.type !== 'statement_list' || !block) return other('it is not a statement of a block');
  const stmts = list.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const i = stmts.findIndex((s) => s.id === decl.id);

  // The writes that follow it, one statement each.
  const writes: Write[] = [];
  for (let j = i + 1; j < stmts.length; j++) {
    const w = headerWrite(stmts[j], h);
    if (!w) break;
    writes.push(w);
  }
  // Every use of h from its declaration to the end of its block.
  const uses: number[] = [];
  scanTokens(src.slice(decl.startIndex, block.endIndex), (tok, start, _end, afterDot) => {
    if (tok === h && !afterDot) uses.push(decl.startIndex + start);
  });
  if (writes.length > 0) {
    const inValues = writes.reduce((k, w) => k + countUses(src, h, w.value.startIndex, w.value.endIndex), 0);
    if (uses.length !== 1 + writes.length + inValues) return other(`the header pointer ${h} is used after it is filled in`);
    return build(env, { decl, stmts, i, writes, x, kind, h });
  }
  return reads(env, { decl, uses: uses.slice(1), x, kind, h, block });
}

function headerWrite(stmt: Node, h: string): Write | undefined {
  if (stmt.type !== 'assignment_statement' || stmt.childForFieldName('operator')?.type !== '=') return undefined;
  const l = stmt.childForFieldName('left')?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
  const r = stmt.childForFieldName('right')?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
  if (l.length !== 1 || r.length !== 1 || l[0]?.type !== 'selector_expression') return undefined;
  const operand = l[0].childForFieldName('operand');
  const field = l[0].childForFieldName('field')?.text;
  if (operand?.type !== 'identifier' || operand.text !== h || (field !== 'Data' && field !== 'Len' && field !== 'Cap')) return undefined;
  return { stmt, field, value: r[0]! };
}

interface BuildArgs {
  decl: Node;
  stmts: Node[];
  i: number;
  writes: Write[];
  x: Node;
  kind: Kind;
  h: string;
}

/** The pattern-6 construction: the header of a real slice (string) filled in field by field. */
function build(env: Env, a: BuildArgs): Site {
  const { src } = env;
  const { decl, stmts, i, writes, x, kind, h } = a;
  const site: Site = { start: decl.startIndex, end: decl.endIndex, message: message(kind, 'build') };
  const fail = (reason: string): Site => ({ ...site, reason });
  const fields = writes.map((w) => w.field);
  const wanted = kind === 'Slice' ? ['Data', 'Len', 'Cap'] : ['Data', 'Len'];
  if (fields.length !== wanted.length || !wanted.every((f) => fields.includes(f as Write['field']))) {
    return fail(`it does not set ${wanted.join(', ')} once each`);
  }
  if (!isVariablePath(x)) return fail(`${short(x.text)} is not a variable or a field of one`);
  const elem = targetElem(x, kind);
  if (typeof elem === 'string') return fail(elem);
  const get = (f: Write['field']) => writes.find((w) => w.field === f)!;
  const data = get('Data');
  const lenW = get('Len');
  const capW = kind === 'Slice' ? get('Cap') : undefined;
  // x's own text: `s`, or a field path `r.buf` (whose other fields the writes leave alone).
  const root = x.text.replace(/\s+/g, '');
  const touches = (v: Node) => mentionsPath(v, root);
  // The writes change x as they go: later values must not read x (nor h).
  const firstIsData = writes[0].field === 'Data';
  if (mentions(data.value, h) || (!firstIsData && touches(data.value))) return fail(`Data is computed from ${root} while it changes`);
  for (const w of [lenW, capW]) {
    if (w && (touches(w.value) || (mentions(w.value, h) && !isHeaderLen(w.value, h)))) return fail(`${w.field} is computed from ${root} while it changes`);
  }
  if (lenW && mentions(lenW.value, h)) return fail('Len is computed from the header');
  const pf = pointerFrom(env, data.value, elem);
  if ('deferred' in pf) return site;
  if ('reason' in pf) return fail(pf.reason);
  const p = pf.text;

  // Len and Cap: one argument when they are the same.
  let n = intArg(lenW.value);
  let c: string | undefined;
  let order: string[];
  if (capW) {
    const sameAsLen =
      (isHeaderLen(capW.value, h) && fields.indexOf('Len') < fields.indexOf('Cap')) || (squash(capW.value.text) === squash(lenW.value.text) && isPure(lenW.value));
    if (sameAsLen) order = ['Data', 'Len'];
    else {
      c = intArg(capW.value);
      order = ['Data', 'Cap', 'Len'];
    }
  } else order = ['Data', 'Len'];
  const origOrder = fields.filter((f) => order.includes(f));
  const values = writes.filter((w) => order.includes(w.field)).map((w) => w.value);
  if (origOrder.join() !== order.join() && !values.every(isPure)) return fail('its values have side effects and unsafe.' + kind + ' evaluates them in another order');

  // The statements replaced: an optional `var x []T` right before, an optional `n := …`
  // before that (inlined), the header and its writes, an optional `return x` after.
  let first = i;
  let mergeVar = false;
  const prev = stmts[i - 1];
  if (prev && x.type === 'identifier' && isBareVar(prev, x.text, kind) && ![data.value, lenW.value, capW?.value].some((v) => v && mentions(v, x.text))) {
    mergeVar = true;
    first = i - 1;
  }
  let last = i + writes.length;
  let isReturn = false;
  const next = stmts[last + 1];
  if (mergeVar && next?.type === 'return_statement') {
    const results = next.namedChildren.filter((c) => c?.type === 'expression_list')[0]?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
    if (results.length === 1 && results[0]?.type === 'identifier' && results[0].text === x.text && countUses(src, x.text, stmts[first].startIndex, next.endIndex) === 3 && countUses(src, x.text, stmts[first].startIndex, stmts[first].parent!.parent!.endIndex) === 3) {
      isReturn = true;
      last += 1;
    }
  }
  // `n := expr` used only for Len and Cap: inline it (the forward codemod binds n that way).
  const bind = stmts[first - 1];
  const bound = bind && boundValue(bind);
  if (bound) {
    const blockEnd = stmts[first].parent!.parent!.endIndex;
    const inPattern = [lenW, capW].reduce((k, w) => k + (w ? countUses(src, bound.name, w.value.startIndex, w.value.endIndex) : 0), 0);
    const total = countUses(src, bound.name, bind.startIndex, blockEnd);
    const subst = (s: string | undefined) => (s === bound.name ? bound.value.text : s === `int(${bound.name})` ? `int(${bound.value.text})` : undefined);
    const usesIn = (s: string | undefined) => s !== undefined && countUses(s, bound.name, 0, s.length) > 0;
    const n2 = usesIn(n) ? subst(n) : n;
    const c2 = usesIn(c) ? subst(c) : c;
    const movable = isPure(bound.value) || isPure(unparen(data.value));
    if (
      inPattern > 0 &&
      total === 1 + inPattern &&
      n2 !== undefined &&
      (c === undefined || c2 !== undefined) &&
      movable &&
      !touches(bound.value) &&
      !mentions(bound.value, h) &&
      commentsIn(bound.value, bound.value.startIndex, bound.value.endIndex).length === 0
    ) {
      n = n2;
      c = c2;
      first -= 1;
    }
  }
  const startNode = stmts[first];
  const endNode = stmts[last];
  // Comments between the statements move above the result; comments inside them would be lost.
  const inside = [...stmts.slice(first, last + 1)].some((s) => commentsIn(s, s.startIndex, s.endIndex).length > 0);
  if (inside) return fail('comments inside the statements would be lost');
  const moved = commentsIn(stmts[first].parent!, startNode.startIndex, endNode.endIndex).filter((cm) => !stmts.slice(first, last + 1).some((s) => cm.startIndex >= s.startIndex && cm.endIndex <= s.endIndex));

  const uq = env.uq!;
  const call = kind === 'String' ? `${uq}.String(${p}, ${n})` : c === undefined ? `${uq}.Slice(${p}, ${n})` : `${uq}.Slice(${p}, ${c})[:${n}]`;
  const stmt = isReturn ? `return ${call}` : mergeVar ? `${x.text} := ${call}` : `${x.text} = ${call}`;
  const indent = indentAt(src, startNode.startIndex);
  // A lone comment that ended one of the lines ends the new one (when the last line had none);
  // other comments go above it, on lines of their own.
  const eol = src.indexOf('\n', endNode.endIndex);
  const lastHasComment = src.slice(endNode.endIndex, eol < 0 ? src.length : eol).trim() !== '';
  const trailing = moved.filter((cm) => !startsLine(src, cm.startIndex) && cm.text.startsWith('//'));
  const after = trailing.length === 1 && moved.length === 1 && !lastHasComment ? ' ' + trailing[0].text : '';
  const above = after ? [] : moved;
  const text = above.map((cm) => cm.text + '\n' + indent).join('') + stmt + after;
  return { ...site, edits: [{ start: startNode.startIndex, end: endNode.endIndex, text }], needs: kind === 'String' ? '1.20' : pf.needs, covers: pf.covers };
}

/** `var x []T` (or `var x string`) with no value: one spec, one name. */
function isBareVar(stmt: Node, name: string, kind: Kind): boolean {
  if (stmt.type !== 'var_declaration') return false;
  const specs = stmt.namedChildren.filter((c) => c?.type !== 'comment');
  const spec = specs[0];
  if (specs.length !== 1 || spec?.type !== 'var_spec') return false;
  const names = spec.childrenForFieldName('name');
  const type = spec.childForFieldName('type');
  if (names.length !== 1 || names[0]?.text !== name || spec.childForFieldName('value') || !type) return false;
  return kind === 'Slice' ? type.type === 'slice_type' : type.text === 'string';
}

function boundValue(stmt: Node): { name: string; value: Node } | undefined {
  if (stmt.type !== 'short_var_declaration') return undefined;
  const l = stmt.childForFieldName('left')?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
  const r = stmt.childForFieldName('right')?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
  if (l.length !== 1 || r.length !== 1 || l[0]?.type !== 'identifier') return undefined;
  return { name: l[0].text, value: r[0]! };
}

/** `h.Len` */
function isHeaderLen(v: Node, h: string): boolean {
  const e = unparen(v);
  return e.type === 'selector_expression' && e.childForFieldName('operand')?.text === h && e.childForFieldName('field')?.text === 'Len';
}

/** A Len or Cap value as unsafe.Slice's argument: `int(x)` loses its conversion when x is an integer. */
function intArg(v: Node): string {
  const e = unparen(v);
  const inner = plainCall(e, 'int');
  if (inner?.length === 1 && isIntegerType(typeOf(inner[0]))) return inner[0].text;
  return v.text;
}

/**
 * The pointer that `Data` was set from, typed *elem: `uintptr(unsafe.Pointer(p))` gives p
 * (converted when its element type is not elem or not known), `uintptr(ptr)` with ptr an
 * unsafe.Pointer gives (*T)(ptr), arithmetic on such a uintptr is converted back in one
 * expression (pattern 3). Anything else is a uintptr we cannot turn back into a pointer.
 */
type Pointer = { text: string; needs?: string; covers?: number[] } | { reason: string } | { deferred: true };

function pointerFrom(env: Env, value: Node, elem: GoType): Pointer {
  const uq = env.uq;
  const ptrType = '*' + typeText(elem);
  const v = unparen(value);
  // Data copied from the header of another slice or string: its unsafe.SliceData/StringData.
  if (v.type === 'selector_expression' && v.childForFieldName('field')?.text === 'Data') {
    const from = headerTarget(env, unparen(v.childForFieldName('operand')!));
    if (from) {
      const t = targetElem(from.x, from.kind);
      if (typeof t === 'string') return { reason: t };
      const data = `${uq}.${from.kind}Data(${from.x.text})`;
      const text = sameType(t, elem) ? data : `(${ptrType})(${uq}.Pointer(${data}))`;
      return { text, needs: '1.20', covers: [from.at] };
    }
    // `h2.Data` of a header pointer variable whose own reads this run rewrites: next round.
    const operand = unparen(v.childForFieldName('operand')!);
    const d = operand.type === 'identifier' ? lookupDeclaration(operand.text, operand) : undefined;
    if (d?.kind === 'var' && d.value && headerTarget(env, unparen(d.value))) {
      let stmt: Node | null = d.name.parent;
      while (stmt && stmt.type !== 'short_var_declaration' && stmt.type !== 'var_declaration') stmt = stmt.parent;
      if (stmt && env.headerSites.get(stmt.id)?.edits) return { deferred: true };
    }
  }
  const u = plainCall(v, 'uintptr');
  if (u?.length === 1) {
    const a = unparen(u[0]);
    const inner = qualifiedCall(a, uq, 'Pointer');
    if (inner?.length === 1) {
      const p = inner[0];
      // uintptr(unsafe.Pointer(uintptr(unsafe.Pointer(q)) + off)): back in one expression (rule 3).
      if (unparen(p).type === 'binary_expression' && isSafeArith(uq, p)) return { text: `(${ptrType})(${uq}.Pointer(${p.text}))` };
      const pt = underlying(typeOf(p), p);
      if (pt?.kind === 'pointer' && sameType(pt.elem, elem)) return { text: p.text };
      // (p may be a uintptr: unsafe.Pointer(p) is in the input already, so the result adds no
      // conversion of a uintptr to a pointer that was not there.)
      if (pt?.kind === 'name' && pt.text === 'unsafe.Pointer') return { text: `(${ptrType})(${p.text})` };
      return { text: `(${ptrType})(${uq}.Pointer(${p.text}))` };
    }
    const at = typeOf(a);
    if (at?.kind === 'name' && at.text === 'unsafe.Pointer') return { text: `(${ptrType})(${a.text})` };
  }
  if (v.type === 'binary_expression' && operatorOf(v) === '+') {
    // uintptr(unsafe.Pointer(q)) + off  ⇒  unsafe.Add(unsafe.Pointer(q), off) (Go 1.17, as unsafe.Slice)
    const base = plainCall(unparen(v.childForFieldName('left')!), 'uintptr');
    const q = base?.length === 1 ? qualifiedCall(unparen(base[0]), uq, 'Pointer') : undefined;
    const off = v.childForFieldName('right');
    if (q?.length === 1 && off && commentsIn(v, v.startIndex, v.endIndex).length === 0) return { text: `(${ptrType})(${uq}.Add(${uq}.Pointer(${q[0].text}), ${off.text}))` };
  }
  if (v.type === 'binary_expression' && ['+', '-', '&^'].includes(operatorOf(v) ?? '') && isSafeArith(uq, v)) {
    return { text: `(${ptrType})(${uq}.Pointer(${value.text}))` };
  }
  return { reason: `cannot turn Data = ${short(value.text)} back into a pointer` };
}

/** go vet's isSafeArith: uintptr(unsafe.Pointer(p)) with + - &^ arithmetic on its left. */
function isSafeArith(uq: string | undefined, v: Node): boolean {
  const e = unparen(v);
  if (e.type === 'binary_expression') {
    const op = operatorOf(e);
    if (op !== '+' && op !== '-' && op !== '&^') return false;
    return isSafeArith(uq, e.childForFieldName('left')!);
  }
  const u = plainCall(e, 'uintptr');
  return u?.length === 1 && qualifiedCall(unparen(u[0]), uq, 'Pointer')?.length === 1;
}

/* ---------------------------------------------------------------- h used only for reads */

interface ReadsArgs {
  decl: Node;
  uses: number[];
  x: Node;
  kind: Kind;
  h: string;
  block: Node;
}

function reads(env: Env, a: ReadsArgs): Site {
  const { src, file } = env;
  const { decl, uses, x, kind, h, block } = a;
  const site: Site = { start: decl.startIndex, end: decl.endIndex, message: message(kind, 'read') };
  const fail = (reason: string): Site => ({ ...site, reason });
  if (uses.length === 0) return fail(`the header pointer ${h} is not used`);
  if (x.type !== 'identifier') return fail(`${short(x.text)} is not a variable`);
  const elem = targetElem(x, kind);
  if (typeof elem === 'string') return fail(elem);
  // x must mean the same variable wherever h is read.
  if (declaresIn(file, x.text, decl.endIndex, block.endIndex)) return fail(`${x.text} is declared again after the header`);
  const root = file.tree.rootNode;
  const edits: Edit[] = [];
  let needs: string | undefined;
  for (const at of uses) {
    const id = root.descendantForIndex(at, at + h.length);
    const sel = id?.parent;
    if (id?.type !== 'identifier' || sel?.type !== 'selector_expression' || sel.childForFieldName('operand')?.id !== id.id) {
      return fail(`${h} is used other than to read its fields`);
    }
    const r = readReplacement(env, sel, x.text, kind);
    if (typeof r === 'string') return fail(r);
    edits.push(r.edit);
    needs ??= r.needs;
  }
  // The declaration goes, with its line when nothing else is on it.
  const lineStart = src.lastIndexOf('\n', decl.startIndex - 1) + 1;
  const eol = src.indexOf('\n', decl.endIndex);
  const rest = src.slice(decl.endIndex, eol < 0 ? src.length : eol);
  if (src.slice(lineStart, decl.startIndex).trim() !== '') return fail('the declaration shares its line');
  if (rest.trim() === '') edits.push({ start: lineStart, end: eol < 0 ? src.length : eol + 1, text: '' });
  else edits.push({ start: decl.startIndex, end: decl.endIndex + (rest.length - rest.trimStart().length), text: '' });
  return { ...site, edits, needs };
}

function declaresIn(file: SourceFile, name: string, start: number, end: number): boolean {
  const root = file.tree.rootNode;
  let found = false;
  scanTokens(file.source.slice(start, end), (tok, s) => {
    if (found || tok !== name) return;
    const at = start + s;
    const id = root.descendantForIndex(at, at + name.length);
    const p = id?.parent;
    if (!id || !p) return;
    if (['var_spec', 'const_spec', 'parameter_declaration', 'variadic_parameter_declaration'].includes(p.type)) found = true;
    if (p.type === 'expression_list' && ['short_var_declaration', 'range_clause', 'receive_statement', 'type_switch_statement'].includes(p.parent?.type ?? '')) {
      if (p.parent!.type === 'short_var_declaration' ? isField(p.parent!, 'left', p) : true) found = true;
    }
  });
  return found;
}

/* ---------------------------------------------------------------- *(*[]T)(unsafe.Pointer(&reflect.SliceHeader{...})) */

function headerLiteral(env: Env, qtype: Node, kind: Kind): Site {
  const other = (reason: string, at: Node = qtype): Site => ({ start: at.startIndex, end: at.endIndex, message: message(kind, 'other'), reason });
  const lit = qtype.parent;
  if (lit?.type !== 'composite_literal' || lit.childForFieldName('type')?.id !== qtype.id) {
    if (lit?.type === 'var_spec' || lit?.type === 'field_declaration') return other(`it declares a reflect.${kind}Header value, which does not keep its Data alive`);
    return other(`reflect.${kind}Header is used as a type`);
  }
  let amp: Node = lit;
  while (amp.parent?.type === 'parenthesized_expression') amp = amp.parent;
  amp = amp.parent!;
  const args = amp?.parent;
  const ptrCall = args?.parent;
  if (amp?.type !== 'unary_expression' || operatorOf(amp) !== '&' || args?.type !== 'argument_list' || !ptrCall || qualifiedCall(ptrCall, env.uq, 'Pointer')?.length !== 1) {
    return other(`a reflect.${kind}Header literal is used in a way this codemod does not rewrite`, lit);
  }
  // The dereference of the conversion of that pointer: `*(*[]T)(ptr)` in one of its parse shapes.
  let up: Node = ptrCall;
  while (up.parent?.type === 'parenthesized_expression') up = up.parent;
  let deref: Node | undefined;
  let target: GoType | undefined;
  const conv1 = up.parent && asDeref(up.parent);
  if (conv1 && !conv1.operand && conv1.conversion && conv1.conversion.operand.id === up.id) {
    deref = up.parent!;
    target = conv1.conversion.type;
  } else if (up.parent) {
    // `(*T)(ptr)` read as a call: ptr is in its argument list.
    const outer = up.parent.type === 'argument_list' ? up.parent.parent : up.parent;
    const conv = outer ? asConversion(outer) : undefined;
    if (outer && conv && conv.operand.id === up.id) {
      let c: Node = outer;
      while (c.parent?.type === 'parenthesized_expression') c = c.parent;
      const d = c.parent && asDeref(c.parent);
      if (d?.operand && unparen(d.operand).id === outer.id) {
        deref = c.parent!;
        target = conv.type;
      }
    }
  }
  if (!deref) return other(`the reflect.${kind}Header literal is not converted to a ${kind === 'Slice' ? 'slice' : 'string'} (*(*[]T)(unsafe.Pointer(&h)))`, lit);
  const site: Site = { start: deref.startIndex, end: deref.endIndex, message: message(kind, 'build') };
  const fail = (reason: string): Site => ({ ...site, reason });
  const t = target?.kind === 'pointer' ? target.elem : undefined;
  let elem: GoType;
  if (kind === 'Slice') {
    if (t?.kind !== 'slice') return fail('it is not converted to a slice type []T');
    elem = t.elem;
  } else {
    if (t?.kind !== 'name' || t.text !== 'string') return fail('it is not converted to string');
    elem = BYTE;
  }
  if (!isRead(deref)) return fail('the result is assigned to or addressed');
  if (commentsIn(deref, deref.startIndex, deref.endIndex).length > 0) return fail('it holds comments');

  // Fields, keyed or positional, in source order.
  const body = lit.childForFieldName('body');
  const elems = body?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  const order = kind === 'Slice' ? ['Data', 'Len', 'Cap'] : ['Data', 'Len'];
  const fields: { field: string; value: Node }[] = [];
  for (const [k, e] of elems.entries()) {
    if (e.type === 'keyed_element') {
      const key = e.childForFieldName('key')?.namedChildren[0];
      const value = e.childForFieldName('value')?.namedChildren[0];
      if (!key || !value) return fail('it has a field this codemod does not understand');
      fields.push({ field: key.text, value });
    } else if (e.type === 'literal_element' && e.namedChildren[0]) {
      fields.push({ field: order[k] ?? '?', value: e.namedChildren[0] });
    } else return fail('it has a field this codemod does not understand');
  }
  const get = (f: string) => fields.find((x) => x.field === f)?.value;
  for (const f of order) if (!get(f)) return fail(`it does not set ${f}`);
  const data = get('Data')!;
  const lenV = get('Len')!;
  const capV = get('Cap');
  const pf = pointerFrom(env, data, elem);
  if ('deferred' in pf) return site;
  if ('reason' in pf) return fail(pf.reason);
  const p = pf.text;
  const same = !capV || (squash(capV.text) === squash(lenV.text) && isPure(lenV));
  const newOrder = same ? ['Data', 'Len'] : ['Data', 'Cap', 'Len'];
  const oldOrder = fields.map((f) => f.field).filter((f) => newOrder.includes(f));
  if (oldOrder.join() !== newOrder.join() && !fields.every((f) => isPure(f.value))) return fail('its values have side effects and would be evaluated in another order');
  const uq = env.uq!;
  const n = intArg(lenV);
  const text = kind === 'String' ? `${uq}.String(${p}, ${n})` : same ? `${uq}.Slice(${p}, ${n})` : `${uq}.Slice(${p}, ${intArg(capV!)})[:${n}]`;
  return { ...site, edits: [fixer.replace(deref, text)], needs: kind === 'String' ? '1.20' : pf.needs, covers: pf.covers };
}

/* ---------------------------------------------------------------- helpers */

function isVariablePath(n: Node): boolean {
  if (n.type === 'identifier') return true;
  if (n.type !== 'selector_expression') return false;
  const operand = n.childForFieldName('operand');
  return !!operand && isVariablePath(operand);
}

/** Whether `node` holds the variable path `path` (`s`, `r.buf`), or a prefix of it written alone (`r`). */
function mentionsPath(node: Node, path: string): boolean {
  const text = node.text.replace(/\s+/g, '');
  if ((node.type === 'identifier' || node.type === 'selector_expression') && (text === path || path.startsWith(text + '.'))) {
    // `r` alone could be passed on and changed through; `r.n` is another field.
    if (node.type === 'identifier' && node.parent?.type === 'selector_expression' && node.parent.childForFieldName('operand')?.id === node.id) {
      const whole = node.parent.text.replace(/\s+/g, '');
      if (!(whole === path || path.startsWith(whole + '.'))) return false;
    }
    return true;
  }
  return node.namedChildren.some((c) => c !== null && mentionsPath(c, path));
}

/** Uses of `name` in [start, end) of `src` (not as a field name after a dot). */
function countUses(src: string, name: string, start: number, end: number): number {
  let k = 0;
  scanTokens(src.slice(start, end), (tok, _s, _e, afterDot) => {
    if (tok === name && !afterDot) k++;
  });
  return k;
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 37) + '...' : one;
}

