/**
 * ioutil-to-io-os: a codemod of your own, run from its file (nothing to register or build):
 *
 *     npx gocodemod run examples/codemods/ioutil-to-io-os.ts examples/
 *     npx gocodemod test --codemod examples/codemods/ioutil-to-io-os.ts
 *
 * io/ioutil is deprecated since Go 1.16; its functions moved to io and os:
 *
 *     data, err := ioutil.ReadAll(r)   ⇒   data, err := io.ReadAll(r)
 *
 * Every use in a file moves in one fix, with its imports: "io" and "os" are added where gofmt
 * puts them (or the names the file already imports them under are used), and "io/ioutil" goes
 * once nothing uses it. The file's own name for io/ioutil is followed (`import iu
 * "io/ioutil"`), and a selector whose operand is a local variable that merely shares the name
 * is not a use. ioutil.ReadDir has no drop-in replacement (it returns []fs.FileInfo, where
 * os.ReadDir returns []fs.DirEntry): it is reported for a person to migrate, and a file that
 * uses it keeps its import. A file where `io` or `os` means something else at a use (a local
 * variable named os) is reported and left alone. docs/authoring.md builds this codemod step
 * by step.
 */
import { captures, defineCodemod, fixer, isShadowed, listImports, qualifierOf, refersToImport, updateImports, type Edit } from 'gocodemod';

/** Every exported name of io/ioutil, and where it lives now. */
const MOVED: Record<string, { path: 'io' | 'os'; name: string } | undefined> = {
  ReadAll: { path: 'io', name: 'ReadAll' },
  ReadFile: { path: 'os', name: 'ReadFile' },
  WriteFile: { path: 'os', name: 'WriteFile' },
  NopCloser: { path: 'io', name: 'NopCloser' },
  Discard: { path: 'io', name: 'Discard' },
  TempFile: { path: 'os', name: 'CreateTemp' },
  TempDir: { path: 'os', name: 'MkdirTemp' },
  ReadDir: undefined, // []fs.FileInfo vs []fs.DirEntry: not a drop-in replacement
};

export default defineCodemod({
  name: 'ioutil-to-io-os',
  description: 'io/ioutil (deprecated) → the same functions in io and os',
  needles: ['"io/ioutil"'],
  minGo: '1.16',
  query: '(selector_expression operand: (identifier) @pkg field: (field_identifier) @name) @use',
  run(ctx) {
    const file = ctx.file;
    const ioutil = listImports(file).find((i) => i.path === 'io/ioutil');
    if (!ioutil?.qualifier) return; // not imported, or only as a dot or blank import

    const edits: Edit[] = [];
    const targets = new Set<'io' | 'os'>();
    for (const m of ctx.matches()) {
      const { pkg, name, use } = captures(m);
      if (pkg.text !== ioutil.qualifier || !refersToImport(file, pkg.text, pkg.startIndex)) continue;
      const moved = MOVED[name.text];
      if (!moved) {
        ctx.report({ start: use.startIndex, end: use.endIndex, message: `ioutil.${name.text} has no drop-in replacement in io or os: migrate it by hand` });
        continue;
      }
      // The file's own name for io or os, if it imports them, must mean that import here;
      // a package name we are about to import must not mean anything yet.
      const qualifier = qualifierOf(file, moved.path) ?? moved.path;
      const free = qualifierOf(file, moved.path) ? refersToImport(file, qualifier, use.startIndex) : !isShadowed(ctx.files, file, qualifier, use.startIndex);
      if (!free) {
        ctx.report({ start: use.startIndex, end: use.endIndex, message: `${qualifier} is a local name here: move ioutil.${name.text} to ${moved.path}.${moved.name} by hand` });
        return;
      }
      edits.push(fixer.replace(use, `${qualifier}.${moved.name}`));
      targets.add(moved.path);
    }
    if (edits.length === 0) return;
    const missing = [...targets].filter((path) => qualifierOf(file, path) === undefined);
    edits.push(...updateImports(file, { add: missing, removeIfUnused: ['io/ioutil'] }, edits));
    ctx.report({
      start: ioutil.node.startIndex,
      end: ioutil.node.endIndex,
      message: `io/ioutil is deprecated: use ${[...targets].sort().join(' and ')}`,
      fixes: [{ message: 'move to io and os', edits }],
    });
  },
});
