/**
 * replace-all-twin: the hand-written twin of the rule scripts/bench/replace-all.yaml, for
 * `npm run bench`: the same rewrite, strings.Replace(s, old, new, -1) ⇒
 * strings.ReplaceAll(s, old, new), as a codemod written with the toolkit: a declared query
 * (the engine derives its needles), the file's own name for "strings" followed, and the
 * name checked against local declarations.
 */
import { captures, defineCodemod, fixer, listImports, refersToImport, unparen } from 'gocodemod';

export default defineCodemod({
  name: 'replace-all-twin',
  description: 'strings.Replace(s, old, new, -1) is strings.ReplaceAll(s, old, new) (Go 1.12; hand-written)',
  minGo: '1.12',
  needles: ['strings'],
  query:
    '(call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @name (#eq? @name "Replace")) arguments: (argument_list . (_) @s . (_) @old . (_) @new . (_) @n .)) @call',
  run(ctx) {
    const file = ctx.file;
    const matches = ctx.matches(); // first: most files have none, and then nothing is parsed
    if (matches.length === 0) return;
    const strings = listImports(file).find((i) => i.path === 'strings' && i.qualifier !== undefined);
    if (!strings) return;
    for (const m of matches) {
      const { pkg, call, s, old, new: repl, n } = captures(m);
      if (pkg.text !== strings.qualifier || unparen(n).text.replace(/\s+/g, '') !== '-1' || !refersToImport(file, pkg.text, pkg.startIndex)) continue;
      const text = `${pkg.text}.ReplaceAll(${s.text}, ${old.text}, ${repl.text})`;
      ctx.report({ start: call.startIndex, end: call.endIndex, message: 'strings.Replace(s, old, new, -1) is strings.ReplaceAll(s, old, new)', fixes: [{ message: 'use ReplaceAll', edits: [fixer.replace(call, text)] }] });
    }
  },
});
