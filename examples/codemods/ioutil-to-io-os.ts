/**
 * ioutil-to-io-os: a codemod of your own, run from its file (nothing to register or build):
 *
 *     npx gocodemod run --codemod examples/codemods/ioutil-to-io-os.ts examples/
 *
 * io/ioutil is deprecated since Go 1.16; its functions moved to io and os:
 *
 *     data, err := ioutil.ReadAll(r)   ⇒   data, err := io.ReadAll(r)
 *
 * and the import of "io/ioutil" becomes the imports that the moved names need (gocodemod
 * re-runs gofmt on files that were gofmt-clean, which sorts the import block). A file that
 * uses anything without a drop-in replacement (ioutil.ReadDir returns []fs.FileInfo, where
 * os.ReadDir returns []fs.DirEntry) or imports io/ioutil under another name is left alone.
 */
import { defineCodemod, fixer, type Edit, type Node } from 'gocodemod';

const MOVED: Record<string, string> = {
  ReadAll: 'io.ReadAll',
  ReadFile: 'os.ReadFile',
  WriteFile: 'os.WriteFile',
  NopCloser: 'io.NopCloser',
  Discard: 'io.Discard',
  TempFile: 'os.CreateTemp',
  TempDir: 'os.MkdirTemp',
};

export default defineCodemod({
  name: 'ioutil-to-io-os',
  description: 'io/ioutil (deprecated) → the same functions in io and os',
  needles: ['"io/ioutil"'],
  minGo: '1.16',
  run(ctx) {
    const root = ctx.file.tree.rootNode;
    const specs = ctx.query('(import_spec path: (_) @path) @spec').matches(root);
    const paths = new Set(specs.map((m) => m.captures.find((c) => c.name === 'path')!.node.text.slice(1, -1)));
    const ioutil = specs.map((m) => m.captures.find((c) => c.name === 'spec')!.node).find((s) => s.childForFieldName('path')?.text === '"io/ioutil"');
    if (!ioutil || ioutil.childForFieldName('name')) return;

    const edits: Edit[] = [];
    const needed = new Set<string>();
    for (const m of ctx.query('(selector_expression operand: (identifier) @pkg field: (field_identifier) @name) @use').matches(root)) {
      const get = (name: string) => m.captures.find((c) => c.name === name)!.node;
      if (get('pkg').text !== 'ioutil') continue;
      const to = MOVED[get('name').text];
      if (!to) return; // no drop-in replacement: leave the whole file as it is
      edits.push(fixer.replace(get('use'), to));
      needed.add(to.split('.')[0]);
    }
    const missing = [...needed].filter((p) => !paths.has(p)).map((p) => `"${p}"`);
    edits.push(...replaceImport(ioutil, missing, ctx.file.source));
    ctx.report({
      start: ioutil.startIndex,
      end: ioutil.endIndex,
      message: `io/ioutil is deprecated: use ${[...needed].sort().join(' and ') || 'io and os'}`,
      fixes: [{ message: 'move to io and os', edits }],
    });
  },
});

/** The import of io/ioutil becomes `paths` (import strings), or goes with its line. */
function replaceImport(spec: Node, paths: string[], source: string): Edit[] {
  const inBlock = spec.parent?.type === 'import_spec_list';
  if (paths.length) {
    const text = inBlock ? paths.join('\n\t') : paths.length === 1 ? paths[0] : `(\n\t${paths.join('\n\t')}\n)`;
    return [fixer.replace(spec.childForFieldName('path')!, text)];
  }
  // Remove the whole line: the spec inside a block, or the whole `import "io/ioutil"`.
  const target = inBlock ? spec : spec.parent!;
  const start = source.lastIndexOf('\n', target.startIndex - 1) + 1;
  const nl = source.indexOf('\n', target.endIndex);
  return [fixer.replaceRange(start, nl < 0 ? source.length : nl + 1, '')];
}
