/**
 * Go operator precedence, to keep the meaning of code that moves: an expression put where an
 * operand of tighter binding is needed gets parentheses (`a + b` into `$X.Len()` is
 * `(a + b).Len()`), as go/printer adds them when gofmt -r substitutes a tree.
 */
import type { Node } from '../go/codemod.js';

const BINARY: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '|': 4,
  '^': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  '<<': 5,
  '>>': 5,
  '&': 5,
  '&^': 5,
};
const UNARY = 6;
const PRIMARY = 7;

/** How tightly an expression node binds: 1-5 binary operators, 6 unary, 7 primary. */
export function precedenceOf(type: string, operator: string | undefined): number {
  if (type === 'binary_expression') return BINARY[operator ?? ''] ?? PRIMARY;
  if (type === 'unary_expression') return UNARY;
  return PRIMARY;
}

export function nodePrecedence(node: Node): number {
  return precedenceOf(node.type, node.childForFieldName('operator')?.type);
}

/** Operand positions that need a primary expression: `x.f`, `x(...)`, `x[i]`, `x[i:j]`, `x.(T)`. */
const PRIMARY_OPERANDS: Record<string, string> = {
  selector_expression: 'operand',
  call_expression: 'function',
  index_expression: 'operand',
  slice_expression: 'operand',
  type_assertion_expression: 'operand',
};

/**
 * The least precedence an expression may have to stand as the child `field` of a node of
 * type `parentType` (with `operator`) without parentheses; 0 where anything goes.
 */
export function requiredPrecedence(parentType: string | undefined, field: string | null, operator: string | undefined): number {
  if (parentType === undefined) return 0;
  if (parentType === 'binary_expression') {
    const p = BINARY[operator ?? ''] ?? 0;
    return field === 'right' ? p + 1 : field === 'left' ? p : 0;
  }
  if (parentType === 'unary_expression') return field === 'operand' ? UNARY : 0;
  return PRIMARY_OPERANDS[parentType] === field ? PRIMARY : 0;
}

/** `requiredPrecedence` of where `node` stands in its tree. */
export function requiredAt(node: Node): number {
  const parent = node.parent;
  if (!parent) return 0;
  let field: string | null = null;
  for (let i = 0; i < parent.childCount; i++) {
    if (parent.child(i)?.id === node.id) {
      field = parent.fieldNameForChild(i);
      break;
    }
  }
  return requiredPrecedence(parent.type, field, parent.childForFieldName('operator')?.type);
}
