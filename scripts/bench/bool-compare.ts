/**
 * bool-compare: a codemod with no needles, for `npm run bench` (the target "a codemod with
 * no needles"): its candidates cannot be found by text, so every file is parsed, as for
 * many codemods users write. Rewrites comparisons with a boolean literal (staticcheck's
 * S1002):
 *
 *     ok == true   ⇒   ok
 *     ok != false  ⇒   ok
 *     ok == false  ⇒   !ok
 *     ok != true   ⇒   !ok
 *
 * Only where `true` and `false` are the predeclared constants (a package that declares
 * its own is left alone) and the literal is the right operand. Without type information, a
 * fix only where the operand is a bool by its syntax (a comparison, `&&`, `||`, `!`): with
 * `v == true`, v may be an interface (`flag.Getter.Get()` returns any), and `v` alone would
 * not compile; npm run test:corpus found three such places in GOROOT/src. Other candidates
 * are reported without a fix.
 */
import { defineCodemod, fixer, type Node } from 'gocodemod';

const SHADOWING = /^(?:var|const|type|func)[ \t]+(?:\([ \t]*)?(?:true|false)\b|^[ \t]+(?:true|false)[ \t]*(?:=[^=]|[A-Za-z*[(])/m;
const QUERY = '(binary_expression left: (_) @x operator: ["==" "!="] @op right: [(true) (false)] @lit) @cmp';
const BOOL_OPERATORS = new Set(['==', '!=', '<', '<=', '>', '>=', '&&', '||']);

/** True when `x` is a bool whatever the types involved. */
function isBoolBySyntax(x: Node): boolean {
  if (x.type === 'parenthesized_expression') return x.namedChildCount === 1 && isBoolBySyntax(x.namedChild(0)!);
  if (x.type === 'unary_expression') return x.childForFieldName('operator')?.text === '!';
  if (x.type === 'binary_expression') return BOOL_OPERATORS.has(x.childForFieldName('operator')?.text ?? '');
  return x.type === 'true' || x.type === 'false';
}

export default defineCodemod<{ walk: string }>({
  name: 'bool-compare',
  description: 'x == true → x, x == false → !x (staticcheck S1002); declares no needles',
  scope: 'package',
  query: QUERY,
  defaultOptions: { walk: 'query' },
  validateOptions: (o) => (o.walk === 'query' || o.walk === 'tree' ? undefined : 'walk: query or tree'),
  run(ctx) {
    // A package that declares its own true or false: a line that starts a declaration of
    // one (or names one inside a declaration block). Rarer than rare, so a textual test.
    if (ctx.files.some((f) => SHADOWING.test(f.source))) return;
    for (const file of ctx.files) {
      if (!file.editable) continue;
      // walk=tree: run the query over the whole tree itself, as a codemod that does not
      // declare its query would; every file is then parsed (the bench measures both).
      const matches = ctx.options.walk === 'tree' ? ctx.query(QUERY).matches(file.tree.rootNode) : ctx.matches(file);
      for (const m of matches) {
        const get = (name: string): Node => m.captures.find((c) => c.name === name)!.node;
        const x = get('x');
        const negate = (get('op').text === '==') !== (get('lit').type === 'true');
        // Negated, a binary operand needs parentheses: !(a < b). Not negated, it takes the
        // place of the comparison it was the left operand of, which binds no tighter.
        const operand = negate && x.type === 'binary_expression' ? `(${x.text})` : x.text;
        const fixes = isBoolBySyntax(x) ? [{ message: 'simplify', edits: [fixer.replace(get('cmp'), (negate ? '!' : '') + operand)] }] : [];
        ctx.report({
          file,
          start: get('cmp').startIndex,
          end: get('cmp').endIndex,
          message: `comparison with ${get('lit').text} can be simplified${fixes.length ? '' : ' (if its operand is a bool)'}`,
          fixes,
        });
      }
    }
  },
});
