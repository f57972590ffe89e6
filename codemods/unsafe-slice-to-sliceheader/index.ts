/**
 * unsafe-slice-to-sliceheader: `unsafe.Slice(p, n)` (Go 1.17) becomes the header of an actual
 * slice variable, for code that must still build with older toolchains. The form is pattern
 * (6) of the unsafe package documentation, never a reflect.SliceHeader literal converted to a
 * slice (the garbage collector does not see a literal's Data as a pointer):
 *
 *     s := unsafe.Slice(p, n)          ⇒   var s []T
 *                                          sh := (*reflect.SliceHeader)(unsafe.Pointer(&s))
 *                                          sh.Data = uintptr(unsafe.Pointer(p))
 *                                          sh.Len = n
 *                                          sh.Cap = n
 *
 * Forms: `s := …`, `s = …` (s a variable or field of slice type), `var s = …`,
 * `var s []T = …`, and `return …` (through a fresh local). `n` is evaluated once and after p,
 * as unsafe.Slice does: an `n` that is not an identifier or a literal is bound to a fresh
 * local first (when p or n has no side effects, so the order does not matter). T comes from
 * local syntax (the toolkit's `typeOf`); where it cannot be known the call is reported without a fix.
 * Adds the reflect import; unsafe stays.
 *
 * The inverse is sliceheader-to-unsafe-slice; the two round-trip (test/unsafe-roundtrip.test.ts).
 */
import {
  addImport,
  asConversion,
  callArgs,
  commentsIn,
  declaresAnywhere,
  defineCodemod,
  enclosingFunction,
  enclosingTopLevel,
  fixer,
  hasWord,
  indentAt,
  isIntType,
  isPure,
  lookupDeclaration,
  mentions,
  qualifiedCall,
  qualifierOf,
  scanTokens,
  startsLine,
  typeOf,
  typeText,
  underlying,
  unparen,
  type Edit,
  type Node,
  type SourceFile,
} from 'gocodemod';

const MESSAGE = 'unsafe.Slice (Go 1.17) can be written with reflect.SliceHeader';

interface Site {
  call: Node;
  edits?: Edit[];
  reason?: string;
}

export default defineCodemod({
  name: 'unsafe-slice-to-sliceheader',
  description: 'Rewrite unsafe.Slice(p, n) as the reflect.SliceHeader of a slice variable, for toolchains older than Go 1.17.',
  needles: ['"unsafe"'],
  // It moves code away from what Go recommends, and sliceheader-to-unsafe-slice undoes it.
  explicitOnly: true,
  // Package scope: adding the reflect import needs to know that no file declares `reflect`.
  scope: 'package',
  run(ctx) {
    let taken: boolean | undefined;
    const reflectTaken = () => (taken ??= ctx.files.some((f) => f.source.includes('reflect') && declaresAtTopLevel(f, 'reflect')));
    for (const file of ctx.files) {
      if (!file.editable || !file.source.includes('.Slice')) continue;
      for (const site of rewriteFile(file, reflectTaken)) {
        ctx.report({
          file,
          start: site.call.startIndex,
          end: site.call.endIndex,
          message: site.reason ? `${MESSAGE}, but not here: ${site.reason}` : MESSAGE,
          fixes: site.edits ? [{ message: 'Build the slice through its reflect.SliceHeader', edits: site.edits }] : [],
        });
      }
    }
  },
});

function rewriteFile(file: SourceFile, reflectTakenInPackage: () => boolean): Site[] {
  // Both answered from the text: most files that import unsafe never spell `unsafe.Slice`,
  // and only those that do are parsed.
  const uq = qualifierOf(file, 'unsafe');
  if (!uq) return [];
  const calls: Node[] = [];
  const re = new RegExp(`(?<![\\p{L}\\p{Nd}_.])${uq}\\s*\\.\\s*Slice(?![\\p{L}\\p{Nd}_])`, 'gu');
  for (const m of file.source.matchAll(re)) {
    const id = file.tree.rootNode.descendantForIndex(m.index, m.index + uq.length);
    const sel = id?.parent;
    const call = sel?.parent;
    if (
      id?.type === 'identifier' &&
      sel?.type === 'selector_expression' &&
      sel.childForFieldName('operand')?.id === id.id &&
      sel.childForFieldName('field')?.text === 'Slice' &&
      call?.type === 'call_expression' &&
      call.childForFieldName('function')?.id === sel.id &&
      !call.hasError
    ) {
      calls.push(call);
    }
  }
  if (calls.length === 0) return [];

  // The reflect qualifier: the file's own import, or a new `import "reflect"` when the name is free.
  let rq = qualifierOf(file, 'reflect');
  let importEdits: Edit[] = [];
  let blocked: string | undefined;
  if (rq === undefined) {
    rq = 'reflect';
    let used = false;
    scanTokens(file.source, (t) => (used ||= t === 'reflect'));
    if (file.modulePath === 'std') {
      // reflect itself depends on parts of the standard library (runtime, internal/...):
      // importing it there is an import cycle. Found by the corpus test on GOROOT/src.
      blocked = 'this is the standard library, where importing reflect can make an import cycle';
    } else if (used || reflectTakenInPackage()) blocked = 'the name reflect is already used in this package, so it cannot be imported';
    else importEdits = addImport(file, 'reflect');
  }

  const reserved = new Map<number, Set<string>>();
  const sites: Site[] = [];
  let importClaimed = false;
  for (const call of calls) {
    const site: Site = { call };
    sites.push(site);
    if (blocked) {
      site.reason = blocked;
      continue;
    }
    const r = rewrite(file, call, uq, rq, reserved);
    if (typeof r === 'string') {
      site.reason = r;
      continue;
    }
    if (importEdits.length === 0) {
      site.edits = [r];
    } else if (!importClaimed) {
      // Identical edits in two fixes of one round are applied twice by the engine, so only one
      // fix per round adds the import; the others are found again (and fixed) in the next round.
      site.edits = [r, ...importEdits];
      importClaimed = true;
    }
  }
  return sites;
}

/** The replacement of the statement holding `call`, or why there is none. */
function rewrite(file: SourceFile, call: Node, uq: string, rq: string, reserved: Map<number, Set<string>>): Edit | string {
  const src = file.source;
  const args = callArgs(call);
  if (!args || args.length !== 2) return 'it does not have two plain arguments';
  const [p, n] = args;
  const form = statementForm(call);
  if (typeof form === 'string') return form;
  const { stmt } = form;
  if (stmt.parent?.type !== 'statement_list') return 'the statement is not in a block';
  if (!startsLine(src, stmt.startIndex) || !endsLine(src, stmt.endIndex)) return 'the statement shares its line with other code';
  if (commentsIn(stmt, stmt.startIndex, stmt.endIndex).length > 0) return 'the statement holds comments';
  if (stmt.hasError) return 'the statement has a syntax error';

  // The declared type of the new variable (not needed for `s = …`).
  let declType: string | undefined;
  const fromP = () => {
    const t = underlying(typeOf(p), p);
    return t?.kind === 'pointer' ? '[]' + typeText(t.elem) : undefined;
  };
  switch (form.kind) {
    case 'define':
    case 'var':
      declType = form.type ? form.type.text : fromP();
      break;
    case 'return': {
      const fn = enclosingFunction(stmt);
      let result = fn?.childForFieldName('result');
      if (result?.type === 'parameter_list') {
        const params = result.namedChildren.filter((c) => c?.type === 'parameter_declaration');
        result = params.length === 1 && !params[0]!.childForFieldName('name') ? params[0]!.childForFieldName('type') : null;
      }
      declType = result?.type === 'slice_type' ? result.text : fromP();
      break;
    }
    case 'assign': {
      const t = underlying(typeOf(form.lhs), form.lhs);
      if (t?.kind !== 'slice') return `cannot tell that ${short(form.lhs.text)} is a slice`;
      break;
    }
  }
  if (form.kind !== 'assign' && declType === undefined) return `cannot infer the element type of ${short(p.text)}`;
  if (form.name && (mentions(p, form.name) || mentions(n, form.name))) return `its arguments refer to ${form.name}, which it declares`;

  // Fresh names: not a word anywhere in the enclosing top-level declaration, nor taken by
  // another rewrite of this run in it.
  const top = enclosingTopLevel(stmt);
  const taken = reserved.get(top.id) ?? new Set<string>();
  const topText = src.slice(top.startIndex, top.endIndex);
  const fresh = (base: string) => {
    for (let i = 0; ; i++) {
      const name = i === 0 ? base : `${base}${i}`;
      if (!taken.has(name) && !hasWord(topText, name)) {
        taken.add(name);
        return name;
      }
    }
  };

  const lines: string[] = [];
  let len: string;
  const simple = n.type === 'identifier' || n.type === 'int_literal';
  if (simple) {
    len = n.text;
  } else {
    // n is bound first, so it is evaluated before p: fine when either has no side effects.
    if (!isPure(p) && !isPure(n)) return 'both arguments have side effects, and n must be evaluated once, after p';
    len = fresh('n');
    lines.push(`${len} := ${n.text}`);
  }
  // sh.Len is an int; n may be any integer type.
  if (!isIntType(typeOf(n))) len = `int(${len})`;
  for (const builtin of len.startsWith('int(') ? ['uintptr', 'int'] : ['uintptr']) {
    if (lookupDeclaration(builtin, stmt)) return `${builtin} is declared here, not the builtin`;
  }
  let target: string;
  if (form.kind === 'assign') {
    target = form.lhs.text;
  } else {
    target = form.name ?? fresh('s');
    lines.push(`var ${target} ${declType}`);
  }
  const sh = fresh('sh');
  lines.push(
    `${sh} := (*${rq}.SliceHeader)(${uq}.Pointer(&${target}))`,
    `${sh}.Data = ${dataOf(p, uq)}`,
    `${sh}.Len = ${len}`,
    `${sh}.Cap = ${len}`,
  );
  if (form.kind === 'return') lines.push(`return ${target}`);
  reserved.set(top.id, taken);
  return fixer.replace(stmt, lines.join('\n' + indentAt(src, stmt.startIndex)));
}

type Form =
  | { kind: 'define' | 'var'; stmt: Node; name: string; type?: Node }
  | { kind: 'assign'; stmt: Node; lhs: Node; name?: undefined }
  | { kind: 'return'; stmt: Node; name?: undefined };

/** Which statement form holds the call as its whole right-hand side, or why none does. */
function statementForm(call: Node): Form | string {
  const list = call.parent;
  const stmt = list?.parent;
  const notHere = 'it is not the whole right-hand side of an assignment, a declaration or a return';
  if (list?.type !== 'expression_list' || !stmt) return notHere;
  const only = (l: Node | null) => {
    const items = l?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
    return items.length === 1 ? items[0] : undefined;
  };
  if (only(list)?.id !== call.id) return notHere;
  switch (stmt.type) {
    case 'short_var_declaration': {
      if (stmt.childForFieldName('right')?.id !== list.id) return notHere;
      const lhs = only(stmt.childForFieldName('left'));
      if (lhs?.type !== 'identifier') return notHere;
      if (lhs.text === '_') return 'its result is discarded';
      return { kind: 'define', stmt, name: lhs.text };
    }
    case 'assignment_statement': {
      if (stmt.childForFieldName('right')?.id !== list.id || stmt.childForFieldName('operator')?.type !== '=') return notHere;
      const lhs = only(stmt.childForFieldName('left'));
      if (!lhs) return notHere;
      if (lhs.text === '_') return 'its result is discarded';
      if (!isVariablePath(lhs)) return `${short(lhs.text)} is not a variable or a field of one`;
      return { kind: 'assign', stmt, lhs };
    }
    case 'var_spec': {
      const decl = stmt.parent;
      const names = stmt.childrenForFieldName('name');
      if (decl?.type !== 'var_declaration' || names.length !== 1) return notHere;
      if (names[0]!.text === '_') return 'its result is discarded';
      if (decl.parent?.type !== 'statement_list') return 'it initializes a package-level variable';
      return { kind: 'var', stmt: decl, name: names[0]!.text, type: stmt.childForFieldName('type') ?? undefined };
    }
    case 'return_statement':
      return { kind: 'return', stmt };
    default:
      return notHere;
  }
}

/**
 * The uintptr for sh.Data: `uintptr(unsafe.Pointer(p))`, without a conversion of p to another
 * pointer type that the header makes useless: `(*T)(unsafe.Pointer(x))` gives
 * `uintptr(unsafe.Pointer(x))`, `(*T)(ptr)` with ptr an unsafe.Pointer gives `uintptr(ptr)`.
 */
function dataOf(p: Node, uq: string): string {
  const conv = asConversion(unparen(p));
  if (conv?.type?.kind === 'pointer' && commentsIn(p, p.startIndex, p.endIndex).length === 0) {
    const x = unparen(conv.operand);
    const inner = qualifiedCall(x, uq, 'Pointer');
    if (inner?.length === 1) return `uintptr(${uq}.Pointer(${inner[0].text}))`;
    const t = typeOf(x);
    if (t?.kind === 'name' && t.text === 'unsafe.Pointer') return `uintptr(${x.text})`;
  }
  return `uintptr(${uq}.Pointer(${p.text}))`;
}

/** `s`, `x.f`, `x.f.g`: a variable or a field path through identifiers (addressable, no calls). */
function isVariablePath(n: Node): boolean {
  if (n.type === 'identifier') return true;
  if (n.type !== 'selector_expression') return false;
  const operand = n.childForFieldName('operand');
  return !!operand && isVariablePath(operand);
}

/** Whether only spaces, tabs or a line comment follow `at` on its line. */
function endsLine(src: string, at: number): boolean {
  const eol = src.indexOf('\n', at);
  const rest = src.slice(at, eol < 0 ? src.length : eol).trim();
  return rest === '' || rest.startsWith('//');
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 37) + '...' : one;
}

/** A package-level declaration (or an import name) `name` in the file. */
function declaresAtTopLevel(file: SourceFile, name: string): boolean {
  for (const decl of file.tree.rootNode.namedChildren) {
    if (!decl) continue;
    if (decl.type === 'function_declaration') {
      if (decl.childForFieldName('name')?.text === name) return true;
      continue;
    }
    if (decl.type === 'import_declaration') continue; // the file's own imports are checked by name
    if (['var_declaration', 'const_declaration', 'type_declaration'].includes(decl.type) && hasWord(decl.text, name)) {
      if (declaresAnywhere(decl, file.source, name)) return true;
    }
  }
  return false;
}

