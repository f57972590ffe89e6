/**
 * Whether code may change a variable, from syntax alone: is a mention of it written to, or
 * does it let the variable be written later (its address taken, a method called on it, an
 * array sliced)? Conservative where syntax can tell: `x, err := ...` counts even where it
 * declares a new x, every identifier spelled x counts. Loop rewrites ask this of a loop
 * variable or a loop bound before they change when or how often it is read.
 */
import type { Node } from './codemod.js';
import { isField } from './syntax.js';

/**
 * Tokens that can name a variable. tree-sitter reads some expressions as types: in
 * `f[i](x)` (a call of an element, or of a generic function instantiated with i?) the `i` is
 * a type_identifier. So type identifiers count too.
 */
const NAMES = new Set(['identifier', 'type_identifier', 'package_identifier']);

/**
 * The nodes under `root` that spell `name` as an identifier, a type identifier or a package
 * identifier (syntax cannot always tell them apart: `f[i](x)`); field names after a dot are
 * not among them.
 */
export function identifiersNamed(root: Node, name: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (NAMES.has(n.type)) {
      if (n.text === name) out.push(n);
      return;
    }
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(root);
  return out;
}

/**
 * Whether this mention of a variable may change it, now or later: it is (the base of) the
 * left side of an assignment (`x = `, `x += `, `x.f = `, `x[i] = `, `x, y := ` — which in the
 * same block assigns x), the operand of `++` / `--`, the variable of a `range` or receive with
 * `=`, or it escapes: `&x`, `x[:]` (a slice of an array aliases it), `x.M()` (a method with a
 * pointer receiver takes `&x`). Parentheses and `*` and field or index selection on the way
 * up count as part of the base. A method value taken without a call (`f := x.M`) reads as a
 * field read: syntax cannot tell the two apart.
 */
export function mayModify(id: Node): boolean {
  let n = id;
  for (;;) {
    const p = n.parent;
    if (!p) return false;
    switch (p.type) {
      case 'parenthesized_expression':
        n = p;
        continue;
      case 'selector_expression':
      case 'index_expression':
        if (!isField(p, 'operand', n)) return false; // an index, read
        // x.f(...) may be a method with a pointer receiver: &x.
        if (p.type === 'selector_expression' && p.parent?.type === 'call_expression' && isField(p.parent, 'function', p)) return true;
        n = p;
        continue;
      case 'slice_expression':
        return isField(p, 'operand', n); // x[a:b] aliases an array x; bounds are reads
      case 'unary_expression': {
        const op = p.childForFieldName('operator')?.type;
        if (op === '&') return true;
        if (op === '*') {
          n = p;
          continue;
        }
        return false;
      }
      case 'inc_statement':
      case 'dec_statement':
        return true;
      case 'expression_list': {
        const stmt = p.parent;
        if (!stmt) return false;
        if (stmt.type === 'assignment_statement' || stmt.type === 'short_var_declaration') return isField(stmt, 'left', p);
        if (stmt.type === 'range_clause' || stmt.type === 'receive_statement') return isField(stmt, 'left', p);
        return false;
      }
      case 'assignment_statement':
      case 'short_var_declaration':
        return isField(p, 'left', n);
      case 'range_clause':
      case 'receive_statement':
        return isField(p, 'left', n);
      default:
        return false;
    }
  }
}

/** Whether some mention of `name` under `root` (closures included) may change the variable (see `mayModify`). */
export function mayModifyIn(root: Node, name: string): boolean {
  return identifiersNamed(root, name).some(mayModify);
}
