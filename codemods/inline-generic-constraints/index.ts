/**
 * inline-generic-constraints: a named constraint that is only a union of type terms is
 * written where it is used, in the type parameter lists of its package, and an unexported
 * one that nothing else refers to is deleted.
 *
 *     type number interface{ ~int | ~float64 }        // numbers.go (deleted)
 *     func Max[T number](a, b T) T                    // max.go
 *   ⇒
 *     func Max[T ~int | ~float64](a, b T) T
 *
 * The codemod works on syntax only, so it is conservative: every occurrence of the
 * constraint's name in every file of the package (read-only files included) is classified,
 * and anything but a plain constraint `[T number]` in a top-level type parameter list leaves
 * the constraint alone entirely. See README.md for every rule.
 *
 * Atomicity: one diagnostic per replaced use. For an exported constraint each carries a fix
 * with its own edit. For an unexported one, whose declaration is deleted, every diagnostic
 * carries the same fix: all the use edits of the constraint and the deletion (the way
 * go/analysis diagnostics share one SuggestedFix). The engine applies identical fixes once,
 * and a fix applies whole or not at all, so the declaration can only disappear together with
 * every one of its uses.
 */
import { defineCodemod, lineContaining, type Edit, type Node, type SourceFile } from 'gocodemod';

type Options = {
  /** Unions with more terms than this are left named. */
  maxTerms: number;
  /** Comma-separated constraint names to inline; empty: all. */
  only: string;
  /** Also inline exported constraints (their declarations are kept). */
  exported: boolean;
};

/** A constraint that may be inlined: `type name interface{ t1 | t2 | ... }` at package level. */
interface Constraint {
  file: SourceFile;
  name: string;
  nameNode: Node;
  /** The type_spec. */
  spec: Node;
  /** The type_declaration holding the spec (alone or in a group). */
  decl: Node;
  terms: Node[];
  /** The union as it is written at a use: the terms joined by ` | `. */
  union: string;
  exported: boolean;
  /** Identifiers the union mentions (types, packages, constants): a use must not shadow them. */
  idents: Set<string>;
  /** Unqualified type names of the union (an import of that name in a use file shadows them). */
  typeNames: Set<string>;
  /** Package qualifiers of the union, with the import each one names in the declaring file. */
  qualifiers: Map<string, ImportRef>;
}

interface ImportRef {
  /** The explicit name, or undefined for `import "path"`. */
  name: string | undefined;
  path: string;
}

/** `[T name]` in the type parameter list of a top-level function or generic type. */
interface Use {
  file: SourceFile;
  ident: Node;
  list: Node;
  owner: Node;
}

interface Plan {
  c: Constraint;
  uses: Use[];
  /** Unexported, every use inlined: the declaration is deleted with the last of them. */
  remove: boolean;
}

/** Plans whose declarations are deleted together (a `type ( ... )` group that empties). */
interface Unit {
  plans: Plan[];
  edits: Edit[];
}

const PREDECLARED_NON_INTERFACE = new Set([
  'bool', 'byte', 'complex64', 'complex128', 'float32', 'float64', 'int', 'int8', 'int16', 'int32', 'int64',
  'rune', 'string', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
]);

/** Type literals that are never interfaces: a single one of them is a type term. */
const NON_INTERFACE_LITERALS = new Set([
  'negated_type', 'pointer_type', 'slice_type', 'array_type', 'map_type', 'channel_type', 'function_type', 'struct_type',
]);

/** What may stand as a term of a union (parenthesized types are left to people). */
const TERM_TYPES = new Set([...NON_INTERFACE_LITERALS, 'type_identifier', 'qualified_type', 'generic_type', 'interface_type']);

/**
 * Terms go/ast's isTypeElem accepts: with one of them in the union, `P C` cannot be read as
 * an expression (go/printer's combinesWithName).
 */
const TYPE_ELEMS = new Set([
  'slice_type', 'array_type', 'struct_type', 'function_type', 'interface_type', 'map_type', 'channel_type', 'negated_type',
]);

const NAME_NODES = new Set(['identifier', 'type_identifier', 'package_identifier', 'field_identifier', 'label_name']);

/** `interface {`: only these can start a candidate. */
const INTERFACE_OPEN = /\binterface\s*\{/g;
/** A method in an interface body: an identifier (not `func`) opening an element, then `(`. */
const METHOD = /(?:^|[\n;])\s*(?!func\b)[\p{L}_][\p{L}\p{N}_]*\s*\(/u;
const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;
/**
 * What a constraint's line holds before `interface` (comments aside): its name, after the
 * keyword `type`, a group's `(`, a `;` or nothing. Most interface literals that pass the body
 * checks (embedded interfaces, fields, parameters, conversions) fail this one, and their files
 * are not parsed for them: 67 files of GOROOT/src before, 25 after.
 */
const SPEC_NAME_BEFORE = /(?:^|[;(]|\btype)[ \t\r]*[\p{L}_][\p{L}\p{N}_]*[ \t\r]+$/u;

export default defineCodemod<Options>({
  name: 'inline-generic-constraints',
  description: 'Inline named type-set constraints (`type number interface{ ~int | ~float64 }`) into the type parameter lists of their package.',
  needles: ['interface'],
  minGo: '1.18',
  scope: 'package',
  defaultOptions: { maxTerms: 4, only: '', exported: false },
  validateOptions(o) {
    if (!Number.isInteger(o.maxTerms) || o.maxTerms < 1) return `maxTerms must be a whole number of at least 1 (got ${o.maxTerms})`;
    const bad = splitNames(o.only).filter((n) => !IDENT.test(n));
    if (bad.length) return `only: not Go identifiers: ${bad.join(', ')}`;
    return undefined;
  },
  run(ctx) {
    const pkg = new Package(ctx.files);
    const only = new Set(splitNames(ctx.options.only));
    const candidates = ctx.files
      .filter((f) => f.editable && f.source.includes('interface'))
      .flatMap((f) => findCandidates(f, pkg))
      .filter((c) => (only.size === 0 || only.has(c.name)) && (!c.exported || ctx.options.exported) && c.terms.length <= ctx.options.maxTerms);
    if (candidates.length === 0) return;

    const candidateSpecs = new Set(candidates.map((c) => c.spec.id));
    const plans: Plan[] = [];
    for (const c of candidates) {
      const plan = planConstraint(c, pkg, candidateSpecs);
      if (plan) plans.push(plan);
    }

    // Exported constraints: one fix per use, the declaration stays.
    for (const plan of plans.filter((p) => !p.remove)) {
      for (const use of plan.uses) {
        const edit = useEdit(plan.c, use);
        ctx.report(useReport(plan.c, use, { message: `Inline constraint ${plan.c.name}`, edits: [edit] }));
      }
    }
    // Unexported ones: every use reports the same fix, with every edit of its unit. The
    // engine applies identical fixes once, and one conflicting edit keeps all of them out.
    for (const unit of deletionUnits(plans.filter((p) => p.remove))) {
      const names = unit.plans.map((p) => p.c.name);
      const fix = {
        message: `Inline constraint${names.length > 1 ? 's' : ''} ${names.join(', ')} and delete ${names.length > 1 ? 'their declarations' : 'its declaration'}`,
        edits: [...unit.plans.flatMap((p) => p.uses.map((use) => useEdit(p.c, use))), ...unit.edits],
      };
      for (const plan of unit.plans) for (const use of plan.uses) ctx.report(useReport(plan.c, use, fix));
    }
  },
});

function splitNames(only: string): string[] {
  return only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function useReport(c: Constraint, use: Use, fix: { message: string; edits: Edit[] }) {
  return {
    file: use.file,
    start: use.ident.startIndex,
    end: use.ident.endIndex,
    message: `constraint ${c.name} can be inlined as ${c.union}`,
    fixes: [fix],
  };
}

/**
 * The edit of one use. A generic type with a single type parameter whose constraint would
 * read as an expression (`type S[T *int | *uint] ...` is an array type) gets the trailing
 * comma the Go spec prescribes, exactly where gofmt prints one.
 */
function useEdit(c: Constraint, use: Use): Edit {
  let text = c.union;
  if (use.owner.type !== 'function_declaration' && combinesWithName(c.terms)) {
    const params = use.list.namedChildren.filter((n) => n?.type === 'type_parameter_declaration') as Node[];
    const single = params.length === 1 && params[0].childrenForFieldName('name').filter((n) => n?.type === 'identifier').length === 1;
    const comma = params.length === 1 && params[0].nextSibling?.type === ',';
    if (single && !comma) text += ',';
  }
  return { file: use.file.path, start: use.ident.startIndex, end: use.ident.endIndex, text };
}

/** go/printer's combinesWithName: `P t1 | t2 ...` also reads as the expression P*x | y. */
function combinesWithName(terms: Node[]): boolean {
  const first = terms[0];
  if (first.type !== 'pointer_type') return false;
  const elem = first.namedChildren.find((n) => n?.type !== 'comment');
  if (!elem || TYPE_ELEMS.has(elem.type)) return false;
  return terms.slice(1).every((t) => !TYPE_ELEMS.has(t.type));
}

// ---------------------------------------------------------------------------------------
// Candidates

function findCandidates(file: SourceFile, pkg: Package): Constraint[] {
  const found: Constraint[] = [];
  let root: Node | undefined;
  for (const m of file.source.matchAll(INTERFACE_OPEN)) {
    // Cheap text checks first: most interfaces are method sets, and most files hold no union.
    const bodyStart = m.index + m[0].length;
    const close = file.source.indexOf('}', bodyStart);
    const body = file.source.slice(bodyStart, close < 0 ? undefined : close);
    if (!body.trim() || METHOD.test(body) || body.includes('//') || body.includes('/*')) continue;
    const before = file.source.slice(file.source.lastIndexOf('\n', m.index) + 1, m.index);
    if (!SPEC_NAME_BEFORE.test(before) && !before.includes('/*')) continue;
    root ??= file.tree.rootNode;
    const c = candidateAt(file, root, m.index, pkg);
    if (c) found.push(c);
  }
  return found;
}

function candidateAt(file: SourceFile, root: Node, at: number, pkg: Package): Constraint | undefined {
  const keyword = root.descendantForIndex(at, at + 'interface'.length);
  const iface = keyword?.parent;
  if (keyword?.type !== 'interface' || iface?.type !== 'interface_type' || iface.startIndex !== at || iface.hasError) return undefined;
  const spec = iface.parent;
  if (spec?.type !== 'type_spec' || spec.childForFieldName('type')?.id !== iface.id || spec.childForFieldName('type_parameters')) return undefined;
  const decl = spec.parent;
  if (decl?.type !== 'type_declaration' || decl.parent?.type !== 'source_file' || inError(decl)) return undefined;
  const nameNode = spec.childForFieldName('name');
  if (!nameNode || nameNode.type !== 'type_identifier') return undefined;
  const name = nameNode.text;
  if (name === '_') return undefined;

  // The body: exactly one element, a union, and no comment anywhere inside.
  if (iface.namedChildCount !== 1 || iface.descendantsOfType('comment').length > 0) return undefined;
  const elem = iface.namedChild(0);
  if (elem?.type !== 'type_elem') return undefined;
  const terms = elem.namedChildren.filter((n): n is Node => !!n);
  if (terms.length === 0 || terms.some((t) => !TERM_TYPES.has(t.type) || t.hasError || /[\r\n]/.test(t.text))) return undefined;
  if (elem.children.some((ch) => ch && !ch.isNamed && ch.type !== '|')) return undefined;
  if (terms.length === 1 && !isTypeTerm(terms[0], pkg)) return undefined; // an embedded interface

  const idents = new Set<string>();
  const typeNames = new Set<string>();
  const qualified = new Set<string>();
  for (const t of terms) {
    for (const id of t.descendantsOfType(['identifier', 'type_identifier', 'package_identifier'])) {
      if (!id) continue;
      idents.add(id.text);
      if (id.type === 'package_identifier') qualified.add(id.text);
      else if (id.type === 'type_identifier' && id.parent?.type !== 'qualified_type') typeNames.add(id.text);
    }
    if (t.type === 'type_identifier') {
      idents.add(t.text);
      typeNames.add(t.text);
    }
  }
  if (idents.has(name)) return undefined; // refers to itself: not valid Go

  // Names the union takes from the declaring file's imports must be findable there; a dot
  // import could supply any unqualified name, so it is not followed.
  const imports = importsOf(file);
  if (imports.some((i) => i.name === '.')) return undefined;
  const qualifiers = new Map<string, ImportRef>();
  for (const q of qualified) {
    const imp = imports.filter((i) => localName(i) === q);
    if (imp.length !== 1) return undefined;
    qualifiers.set(q, imp[0]);
  }

  return {
    file,
    name,
    nameNode,
    spec,
    decl,
    terms,
    union: terms.map((t) => t.text).join(' | '),
    exported: /^\p{Lu}/u.test(name),
    idents,
    typeNames,
    qualifiers,
  };
}

/**
 * A body of one element is a union only when that element is a type term, not an embedded
 * interface: `~T`, a type literal, `comparable`, a predeclared non-interface type, or a type
 * of this package declared as a non-interface type literal.
 */
function isTypeTerm(term: Node, pkg: Package): boolean {
  if (NON_INTERFACE_LITERALS.has(term.type)) return true;
  let base: Node | null = term;
  if (term.type === 'generic_type') base = term.childForFieldName('type');
  if (base?.type !== 'type_identifier') return false;
  const name = base.text;
  const decls = pkg.topLevelDeclarations(name);
  if (term.type === 'type_identifier' && (name === 'comparable' || PREDECLARED_NON_INTERFACE.has(name))) return decls.length === 0;
  if (decls.length !== 1 || decls[0].parent?.type !== 'type_spec') return false;
  const declared = decls[0].parent.childForFieldName('type');
  return !!declared && NON_INTERFACE_LITERALS.has(declared.type) && declared.type !== 'negated_type';
}

// ---------------------------------------------------------------------------------------
// References

/**
 * Every occurrence of the constraint's name in the package, classified. Undefined when the
 * constraint must be left alone: a use we cannot inline, or any other reference.
 */
function planConstraint(c: Constraint, pkg: Package, candidateSpecs: Set<number>): Plan | undefined {
  const uses: Use[] = [];
  for (const file of pkg.files) {
    for (const node of pkg.nameNodes(file, c.name)) {
      if (file === c.file && node.id === c.nameNode.id) continue;
      if (inError(node)) return undefined;
      switch (node.type) {
        case 'field_identifier': // struct fields, methods, selectors
        case 'label_name':
          continue;
        case 'identifier':
          // Locals, parameters, type parameter names: a value named like the constraint is
          // another object (a constraint interface cannot be a value). A second package-level
          // declaration (another build) makes the name ambiguous.
          if (isTopLevelDeclName(node)) return undefined;
          continue;
        case 'type_identifier': {
          if (node.parent?.type === 'qualified_type' && node.parent.childForFieldName('name')?.id === node.id) continue; // pkg.Name
          const use = constraintUse(file, node, c.name);
          if (!use) return undefined; // embedded, a type, an alias, shadowed, ...
          uses.push(use);
          continue;
        }
        default: // an import named like it
          return undefined;
      }
    }
  }
  if (uses.length === 0) return undefined;

  const inlinable = uses.filter((u) => canInline(c, u));
  if (c.exported) return inlinable.length ? { c, uses: inlinable, remove: false } : undefined;
  // Unexported: all or nothing, so that the declaration can go.
  if (inlinable.length !== uses.length || !canDelete(c, uses, candidateSpecs)) return undefined;
  return { c, uses, remove: true };
}

function constraintUse(file: SourceFile, node: Node, name: string): Use | undefined {
  const tc = node.parent;
  if (tc?.type !== 'type_constraint' || tc.childCount !== 1) return undefined;
  const param = tc.parent;
  if (param?.type !== 'type_parameter_declaration' || param.childForFieldName('type')?.id !== tc.id) return undefined;
  const list = param.parent;
  const owner = list?.parent;
  if (list?.type !== 'type_parameter_list' || !owner || owner.childForFieldName('type_parameters')?.id !== list.id) return undefined;
  // Top-level only: in a function body a local declaration could shadow the names involved.
  const topLevel =
    owner.type === 'function_declaration'
      ? owner.parent?.type === 'source_file'
      : (owner.type === 'type_spec' || owner.type === 'type_alias') && owner.parent?.type === 'type_declaration' && owner.parent.parent?.type === 'source_file';
  if (!topLevel) return undefined;
  if (typeParamNames(list).has(name)) return undefined;
  return { file, ident: node, list, owner };
}

/** Whether the union means the same at the use as at the declaration. */
function canInline(c: Constraint, use: Use): boolean {
  if (!use.file.editable) return false;
  for (const p of typeParamNames(use.list)) if (c.idents.has(p)) return false;
  if (use.file === c.file) return true;
  const imports = importsOf(use.file);
  for (const imp of imports) if (imp.name && c.typeNames.has(imp.name)) return false;
  for (const [, ref] of c.qualifiers) {
    if (!imports.some((i) => i.path === ref.path && i.name === ref.name)) return false;
  }
  return true;
}

/**
 * The declaration can be deleted when it fills whole lines (with its doc comment), and no
 * import of its file is left unused: each package the union names must still be named by a
 * qualified type outside every candidate declaration of the file, or by a use of this
 * constraint in that file (those edits land with the deletion).
 */
function canDelete(c: Constraint, uses: Use[], candidateSpecs: Set<number>): boolean {
  if (!deletionBlock(c.file, isGroup(c.decl) ? c.spec : c.decl)) return false;
  if (isGroup(c.decl) && !deletionBlock(c.file, c.decl)) return false;
  if (c.qualifiers.size === 0) return true;
  const root = c.file.tree.rootNode;
  const inCandidate = (n: Node) => {
    for (let p: Node | null = n.parent; p; p = p.parent) if (p.type === 'type_spec' && candidateSpecs.has(p.id)) return true;
    return false;
  };
  const localUses = uses.filter((u) => u.file === c.file).length;
  for (const q of c.qualifiers.keys()) {
    const refs = root.descendantsOfType('qualified_type').filter((t) => t && t.childForFieldName('package')?.text === q && !inCandidate(t) && !inError(t));
    if (refs.length + localUses === 0) return false;
  }
  return true;
}

function typeParamNames(list: Node): Set<string> {
  const names = new Set<string>();
  for (const p of list.namedChildren) {
    if (p?.type !== 'type_parameter_declaration') continue;
    for (const n of p.childrenForFieldName('name')) if (n?.type === 'identifier') names.add(n.text);
  }
  return names;
}

/** The name of a package-level func, var or const (a type's is a type_identifier). */
function isTopLevelDeclName(node: Node): boolean {
  const p = node.parent;
  if (!p || !p.childrenForFieldName('name').some((n) => n?.id === node.id)) return false;
  if (p.type === 'function_declaration') return p.parent?.type === 'source_file';
  if (p.type !== 'var_spec' && p.type !== 'const_spec') return false;
  let d = p.parent;
  if (d?.type === 'var_spec_list') d = d.parent;
  return (d?.type === 'var_declaration' || d?.type === 'const_declaration') && d.parent?.type === 'source_file';
}

function inError(node: Node): boolean {
  for (let p: Node | null = node; p; p = p.parent) if (p.type === 'ERROR' || p.isMissing) return true;
  return false;
}

function isGroup(decl: Node): boolean {
  return decl.children.some((ch) => ch?.type === '(');
}

// ---------------------------------------------------------------------------------------
// Imports

function importsOf(file: SourceFile): ImportRef[] {
  const out: ImportRef[] = [];
  for (const spec of file.tree.rootNode.descendantsOfType('import_spec')) {
    if (!spec) continue;
    const path = spec.childForFieldName('path');
    const name = spec.childForFieldName('name');
    if (!path) continue;
    out.push({ name: name ? name.text : undefined, path: path.text.slice(1, -1) });
  }
  return out;
}

/**
 * The name an import binds: its explicit name, or (a guess: only the package clause of the
 * imported package knows) the last element of its path without a major-version suffix.
 */
function localName(imp: ImportRef): string {
  if (imp.name) return imp.name;
  const parts = imp.path.split('/');
  let last = parts[parts.length - 1];
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last.replace(/\.v\d+$/, '');
}

// ---------------------------------------------------------------------------------------
// Deletion

interface Block {
  /** First and last line (0-based) of the declaration with its doc comment. */
  first: number;
  last: number;
}

/**
 * Groups the plans whose declarations go into units: a `type ( ... )` group losing every spec
 * is deleted whole, by one unit; otherwise each spec or declaration is its own unit. Then the
 * edits: whole lines, and the blank lines around them that would be left doubled, or at the
 * start or end of a group or of the file.
 */
function deletionUnits(plans: Plan[]): Unit[] {
  const units: Unit[] = [];
  const byFile = new Map<SourceFile, Plan[]>();
  for (const p of plans) byFile.set(p.c.file, [...(byFile.get(p.c.file) ?? []), p]);
  for (const [file, filePlans] of byFile) {
    const blocks: { unit: Unit; block: Block }[] = [];
    const byDecl = new Map<number, Plan[]>();
    for (const p of filePlans) byDecl.set(p.c.decl.id, [...(byDecl.get(p.c.decl.id) ?? []), p]);
    for (const group of byDecl.values()) {
      const decl = group[0].c.decl;
      const specs = decl.namedChildren.filter((n) => n?.type === 'type_spec' || n?.type === 'type_alias');
      if (!isGroup(decl) || specs.length === group.length) {
        const unit: Unit = { plans: group, edits: [] };
        units.push(unit);
        blocks.push({ unit, block: deletionBlock(file, decl)! });
      } else {
        for (const p of group) {
          const unit: Unit = { plans: [p], edits: [] };
          units.push(unit);
          blocks.push({ unit, block: deletionBlock(file, p.c.spec)! });
        }
      }
    }
    lineEdits(file, blocks);
  }
  return units;
}

/** The lines of `node` with its doc comment, or undefined when it shares a line with code. */
function deletionBlock(file: SourceFile, node: Node): Block | undefined {
  const lines = new Lines(file.source);
  const first = lines.lineOf(node.startIndex);
  const last = lines.lineOf(node.endIndex);
  if (file.source.slice(lines.start(first), node.startIndex).trim() !== '') return undefined;
  const after = file.source.slice(node.endIndex, lines.end(last)).trim();
  if (after !== '' && !(after.startsWith('//') || (after.startsWith('/*') && after.endsWith('*/') && after.indexOf('*/') === after.length - 2))) {
    return undefined;
  }
  // The doc comment: comments each alone on their lines, directly above, no blank line between.
  let top = first;
  for (let s = node.previousSibling; s?.type === 'comment'; s = s.previousSibling) {
    if (lines.lineOf(s.endIndex) !== top - 1) break;
    const from = lines.lineOf(s.startIndex);
    if (file.source.slice(lines.start(from), s.startIndex).trim() !== '') break;
    top = from;
  }
  return { first: top, last };
}

function lineEdits(file: SourceFile, blocks: { unit: Unit; block: Block }[]) {
  const lines = new Lines(file.source);
  const n = lines.count;
  const owner: (Unit | undefined)[] = new Array(n).fill(undefined);
  for (const { unit, block } of blocks) for (let l = block.first; l <= block.last; l++) owner[l] = unit;
  const blank = (l: number) => owner[l] === undefined && lines.text(l).trim() === '';

  // Segments of removed and blank lines around each removed block.
  for (let l = 0; l < n; ) {
    if (owner[l] === undefined) {
      l++;
      continue;
    }
    let a = l;
    while (a > 0 && blank(a - 1)) a--;
    let b = l;
    while (b + 1 < n && (owner[b + 1] !== undefined || blank(b + 1))) b++;
    const prev = a > 0 ? lines.text(a - 1).trim() : undefined;
    const next = b + 1 < n ? lines.text(b + 1).trim() : undefined;
    const keep = prev === undefined || next === undefined || prev.endsWith('(') || next.startsWith(')') ? 0 : 1;
    let kept = 0;
    for (let k = a; k <= b; k++) {
      if (owner[k] !== undefined) continue;
      if (kept < keep) {
        kept++;
        continue;
      }
      owner[k] = nearestOwner(owner, k, a, b);
    }
    l = b + 1;
  }

  // Consecutive lines of one unit become one edit.
  for (let l = 0; l < n; ) {
    const unit = owner[l];
    if (!unit) {
      l++;
      continue;
    }
    let e = l;
    while (e + 1 < n && owner[e + 1] === unit) e++;
    unit.edits.push({ file: file.path, start: lines.start(l), end: lines.start(e + 1), text: '' });
    l = e + 1;
  }
}

/** The unit of the removed line nearest to blank line k within [a, b], the following one first. */
function nearestOwner(owner: (Unit | undefined)[], k: number, a: number, b: number): Unit {
  for (let d = 1; ; d++) {
    if (k + d <= b && owner[k + d]) return owner[k + d]!;
    if (k - d >= a && owner[k - d]) return owner[k - d]!;
  }
}

/** Line starts of a text, in UTF-16 units; a last line without a newline counts. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(private readonly src: string) {
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) this.starts.push(i + 1);
    if (this.starts[this.starts.length - 1] === src.length) this.starts.pop();
  }
  get count(): number {
    return this.starts.length;
  }
  start(line: number): number {
    return line < this.starts.length ? this.starts[line] : this.src.length;
  }
  /** End of the line's text, before its newline. */
  end(line: number): number {
    if (line + 1 < this.starts.length) return this.starts[line + 1] - 1;
    return this.src.endsWith('\n') ? this.src.length - 1 : this.src.length;
  }
  text(line: number): string {
    return this.src.slice(this.start(line), this.end(line));
  }
  lineOf(offset: number): number {
    return lineContaining(this.starts, offset);
  }
}

// ---------------------------------------------------------------------------------------
// The package

/** Lazy lookups over the files of the package: only files containing a word are parsed. */
class Package {
  private readonly decls = new Map<string, Node[]>();
  constructor(readonly files: readonly SourceFile[]) {}

  /** Name tokens spelled `name` in the file (hits in comments and strings are dropped). */
  nameNodes(file: SourceFile, name: string): Node[] {
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])${name}(?![\\p{L}\\p{N}_])`, 'gu');
    const out: Node[] = [];
    let root: Node | undefined;
    for (const m of file.source.matchAll(re)) {
      root ??= file.tree.rootNode;
      const node = root.descendantForIndex(m.index, m.index + name.length);
      if (node && NAME_NODES.has(node.type) && node.startIndex === m.index && node.endIndex === m.index + name.length) out.push(node);
    }
    return out;
  }

  /** Package-level declarations of `name` (types, funcs, vars, consts) and imports named so. */
  topLevelDeclarations(name: string): Node[] {
    let found = this.decls.get(name);
    if (found) return found;
    found = [];
    for (const file of this.files) {
      for (const node of this.nameNodes(file, name)) {
        const p = node.parent;
        if (node.type === 'type_identifier') {
          if ((p?.type === 'type_spec' || p?.type === 'type_alias') && p.childForFieldName('name')?.id === node.id && p.parent?.parent?.type === 'source_file') found.push(node);
        } else if (node.type === 'identifier') {
          if (isTopLevelDeclName(node)) found.push(node);
        } else if (node.type === 'package_identifier' && p?.type === 'import_spec') {
          found.push(node);
        }
      }
    }
    this.decls.set(name, found);
    return found;
  }
}
