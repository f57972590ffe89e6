/**
 * loopvar-copy: removes `x := x` copies of loop variables that Go 1.22 made redundant, after
 * golang.org/x/tools/go/analysis/passes/modernize/forvar.go. Since Go 1.22 each iteration of
 * a `for` loop has its own variables, so the copy that closures and goroutines needed before
 * is a second variable holding the same value.
 *
 *     for _, v := range items {              for _, v := range items {
 *         v := v // capture             ⇒        go use(v)
 *         go use(v)                          }
 *     }
 *
 * Also `k, v := k, v`, the `if v := v; cond {` form, and three-clause loops
 * (`for i := 0; i < n; i++ { i := i; ... }`). Only copies of the loop's own variables
 * (declared with := in its header) that open its body are removed, and only where nothing can
 * tell the copy from the variable:
 *
 * - range loop: the copies at the top of the body always (x/tools' rule: the rest of the
 *   iteration sees only the copy); an `if v := v; ...` right after them when nothing after
 *   the if mentions v;
 * - three-clause loop: a change to the variable in the body carries over to the next
 *   iteration, to the copy it does not; so the copy must not be changed (assigned, `++`, its
 *   address taken, a method called on it) in the rest of the body; the if form also needs the
 *   if not to change it.
 *
 * A comment at the end of a removed line goes with it (it describes the copy); comments on
 * lines of their own stay.
 */
import {
  commentsIn,
  defineCodemod,
  deleteLines,
  fileAllowsGo,
  identifiersNamed,
  isField,
  mayModifyIn,
  type Edit,
  type Node,
  type SourceFile,
} from 'gocodemod';

const GO = '1.22';

/**
 * `a := a`, `k, v := k, v` somewhere in the text: only files with one are parsed. The lists
 * are bounded (16 names) so that a huge line of names costs linear time, not quadratic.
 */
const NAME = '[\\p{L}_][\\p{L}\\p{Nd}_]*';
const LIST = `${NAME}(?:[ \\t]*,[ \\t]*${NAME}){0,15}`;
const COPY = new RegExp(`(?<![\\p{L}\\p{Nd}_.])(${LIST})[ \\t]*:=[ \\t]*(${LIST})(?![\\p{L}\\p{Nd}_.([{])`, 'gu');

export default defineCodemod({
  name: 'loopvar-copy',
  description: 'Remove `x := x` copies of loop variables, redundant since Go 1.22 gives each iteration its own.',
  needles: [':='],
  minGo: GO,
  run(ctx) {
    const file = ctx.file;
    if (!fileAllowsGo(file.source, file.moduleGoVersion ?? file.goVersion, GO)) return;
    const loops = new Map<number, Node>();
    for (const at of copyCandidates(file.source)) {
      const loop = loopOfCopy(file.tree.rootNode.descendantForIndex(at, at + 1));
      if (loop) loops.set(loop.id, loop);
    }
    for (const loop of loops.values()) {
      for (const copy of removableCopies(loop)) {
        const names = leftNames(copy.stmt);
        const edits = copy.inIf ? removeIfInit(file, copy.stmt) : removeStatement(file, copy.stmt);
        if (!edits) continue;
        ctx.report({
          start: copy.stmt.startIndex,
          end: copy.stmt.endIndex,
          message: `copying the loop variable${names.length > 1 ? 's' : ''} ${names.join(', ')} is unneeded: since Go 1.22 each iteration has its own`,
          fixes: [{ message: `Remove ${copy.stmt.text}`, edits }],
        });
      }
    }
  },
});

const squash = (s: string) => s.replace(/[ \t]/g, '');

/**
 * Offsets of the COPY matches whose two lists are the same names. A match never spans a
 * line, so only lines holding `:=` are searched, each on its own: the same matches as over
 * the whole text (a line's ends pass both lookarounds as a newline does), without running
 * the regex over every identifier of the file (~0.8 s of CPU per worker on GOROOT/src).
 */
function copyCandidates(source: string): number[] {
  const out: number[] = [];
  let lineEnd = -1;
  for (let p = source.indexOf(':='); p >= 0; p = source.indexOf(':=', Math.max(p + 2, lineEnd))) {
    const lineStart = source.lastIndexOf('\n', p) + 1;
    // A copy's first name on the right is its first on the left: most `:=` lines are let go here.
    FIRST_RIGHT.lastIndex = p + 2;
    const first = FIRST_RIGHT.exec(source)?.[1];
    // (Searched in the line's text only: lastIndexOf would run back through the file.)
    if (first === undefined || !source.slice(lineStart, p).includes(first)) continue;
    const nl = source.indexOf('\n', p);
    lineEnd = nl < 0 ? source.length : nl;
    for (const m of source.slice(lineStart, lineEnd).matchAll(COPY)) if (squash(m[1]) === squash(m[2])) out.push(lineStart + m.index!);
  }
  return out;
}

/** The name after `:=` (sticky: only right there). */
const FIRST_RIGHT = new RegExp(`[ \\t]*(${NAME})`, 'uy');

/** A copy to remove: a statement of the body, or the initializer of an `if`. */
interface Copy {
  stmt: Node;
  inIf: boolean;
}

/** The loop whose body (or body's leading if) the statement around `node` would be a copy in. */
function loopOfCopy(node: Node | null): Node | undefined {
  let n = node;
  while (n && n.type !== 'short_var_declaration') n = n.parent;
  let p = n?.parent;
  if (p?.type === 'if_statement') p = p.parent;
  if (p?.type !== 'statement_list' || p.parent?.type !== 'block') return undefined;
  const loop = p.parent.parent;
  return loop?.type === 'for_statement' && isField(loop, 'body', p.parent) ? loop : undefined;
}

/** The variables a loop header declares with :=, and whether it is a range loop; undefined for other loops. */
function loopVariables(loop: Node): { names: Set<string>; range: boolean } | undefined {
  const clause = loop.namedChildren.find((c) => c?.type === 'range_clause' || c?.type === 'for_clause');
  if (!clause) return undefined;
  let decl: Node | null = clause;
  if (clause.type === 'for_clause') {
    decl = clause.childForFieldName('initializer');
    if (decl?.type !== 'short_var_declaration') return undefined;
  } else if (!clause.children.some((c) => c?.type === ':=')) {
    return undefined; // `for k, v = range x` assigns variables declared outside the loop
  }
  const names = new Set(leftNames(decl).filter((n) => n !== '_'));
  return names.size ? { names, range: clause.type === 'range_clause' } : undefined;
}

function leftNames(stmt: Node): string[] {
  return (stmt.childForFieldName('left')?.namedChildren ?? []).filter((c): c is Node => c !== null).map((c) => c.text);
}

/** `a := a` / `k, v := k, v` with every name one of `vars` (the same names on both sides, in order). */
function isCopyOf(stmt: Node | null, vars: Set<string>): boolean {
  if (stmt?.type !== 'short_var_declaration' || stmt.hasError) return false;
  const left = stmt.childForFieldName('left')?.namedChildren ?? [];
  const right = stmt.childForFieldName('right')?.namedChildren ?? [];
  if (left.length === 0 || left.length !== right.length) return false;
  if (commentsIn(stmt, stmt.startIndex, stmt.endIndex).length) return false;
  return left.every((l, i) => l?.type === 'identifier' && right[i]?.type === 'identifier' && l.text === right[i]!.text && vars.has(l.text));
}

/** The copies at the top of the loop's body that nothing can tell from the loop variables. */
function removableCopies(loop: Node): Copy[] {
  const vars = loopVariables(loop);
  const list = loop.childForFieldName('body')?.namedChildren.find((c) => c?.type === 'statement_list');
  if (!vars || !list) return [];
  const stmts = list.namedChildren.filter((s): s is Node => s !== null && s.type !== 'comment');
  const out: Copy[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const stmt = stmts[i];
    const rest = stmts.slice(i + 1);
    if (isCopyOf(stmt, vars.names)) {
      // Three-clause loop: a change to the copy would not reach the next iteration.
      if (!vars.range && leftNames(stmt).some((x) => rest.some((s) => mayModifyIn(s, x)))) return out;
      out.push({ stmt, inIf: false });
      continue;
    }
    const init = stmt.type === 'if_statement' ? stmt.childForFieldName('initializer') : null;
    if (init && isCopyOf(init, vars.names) && ifCopyRemovable(stmt, leftNames(init), rest, vars.range)) out.push({ stmt: init, inIf: true });
    return out;
  }
  return out;
}

/**
 * `if v := v; cond { ... }`: after the removal the if reads and writes the loop variable. Only
 * when nothing after the if mentions v (else it would see what the if did to the variable);
 * in a three-clause loop the if must not change it either (the change would carry over to the
 * next iteration).
 */
function ifCopyRemovable(ifStmt: Node, names: string[], rest: Node[], range: boolean): boolean {
  const init = ifStmt.childForFieldName('initializer');
  const parts = ifStmt.namedChildren.filter((c): c is Node => c !== null && c.id !== init?.id);
  return names.every((x) => !rest.some((s) => identifiersNamed(s, x).length > 0) && (range || !parts.some((p) => mayModifyIn(p, x))));
}

/** The statement's line, trailing comment included, when it stands alone on it; else the statement and its `;`. */
function removeStatement(file: SourceFile, stmt: Node): Edit[] {
  const src = file.source;
  const lineStart = src.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  const nl = src.indexOf('\n', stmt.endIndex);
  const lineEnd = nl < 0 ? src.length : nl;
  const before = src.slice(lineStart, stmt.startIndex);
  const after = src.slice(stmt.endIndex, lineEnd).replace(/\r$/, '');
  const trailing = commentsIn(file.tree.rootNode, stmt.endIndex, lineEnd);
  const onlyComments = after.trim() === '' || (trailing.length > 0 && stripComments(after, stmt.endIndex, trailing).trim() === '');
  if (before.trim() === '' && onlyComments) return deleteLines(src, [stmt.startIndex]);
  // `{ v := v; use(v) }`: the statement, its `;` and the spaces after them.
  const semi = /^[ \t]*;[ \t]*/.exec(after);
  if (semi) return [{ start: stmt.startIndex, end: stmt.endIndex + semi[0].length, text: '' }];
  const lead = /[ \t]*$/.exec(before)![0].length;
  return [{ start: stmt.startIndex - lead, end: stmt.endIndex, text: '' }];
}

/** `text` (starting at `offset` of the file) without the given comments. */
function stripComments(text: string, offset: number, comments: Node[]): string {
  let out = text;
  for (const c of [...comments].sort((a, b) => b.startIndex - a.startIndex)) {
    out = out.slice(0, c.startIndex - offset) + out.slice(c.endIndex - offset);
  }
  return out;
}

/** `if v := v; cond {` becomes `if cond {` (undefined when a comment sits in between). */
function removeIfInit(file: SourceFile, init: Node): Edit[] | undefined {
  const ifStmt = init.parent!;
  const semi = ifStmt.children.find((c) => c?.type === ';' && c.startIndex >= init.endIndex);
  const cond = ifStmt.childForFieldName('condition');
  if (!semi || !cond || commentsIn(file.tree.rootNode, init.startIndex, cond.startIndex).length) return undefined;
  return [{ start: init.startIndex, end: cond.startIndex, text: '' }];
}
