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
 * its own is left alone) and the literal is the right operand. Without type information it
 * assumes the left operand is a bool: `v == true` with an interface-typed v compiles, and
 * `v` alone as a condition would not (none in GOROOT/src).
 */
import { defineCodemod, fixer, type Node } from 'gocodemod';

const SHADOWING = /^(?:var|const|type|func)[ \t]+(?:\([ \t]*)?(?:true|false)\b|^[ \t]+(?:true|false)[ \t]*(?:=[^=]|[A-Za-z*[(])/m;
const QUERY = '(binary_expression left: (_) @x operator: ["==" "!="] @op right: [(true) (false)] @lit) @cmp';
const SIMPLE = new Set(['identifier', 'selector_expression', 'call_expression', 'index_expression', 'parenthesized_expression']);

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
        const operand = negate && !SIMPLE.has(x.type) ? `(${x.text})` : x.text;
        ctx.report({
          file,
          start: get('cmp').startIndex,
          end: get('cmp').endIndex,
          message: `comparison with ${get('lit').text} can be simplified`,
          fixes: [{ message: 'simplify', edits: [fixer.replace(get('cmp'), (negate ? '!' : '') + operand)] }],
        });
      }
    }
  },
});
