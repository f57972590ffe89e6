/**
 * src/go/imports.ts: every result is compared with the expected text, and checked with the real
 * gofmt (it must leave the result as it is), since codemods rely on import edits being
 * gofmt-clean on their own.
 */
import { applyEdits } from '../src/go/edits.js';
import { add, removeIfUnused, updateImports } from '../src/go/imports.js';
import { assumedName, importsOf, listImports, qualifierOf } from '../src/go/import-specs.js';
import { topLevelDecls } from '../src/go/toplevel.js';
import { readFileSync } from 'node:fs';
import { gorootSample } from './helpers/go-tool.js';
import { usesQualifier } from '../src/go/tokens.js';
import { loadGoParser } from '../src/go/parser.js';
import type { Edit } from '../src/go/codemod.js';
import { gofmtSource, haveGo } from './helpers/go-tool.js';

const goAvailable = haveGo();

async function withFile<T>(source: string, fn: (file: { source: string; tree: import('web-tree-sitter').Tree }) => T): Promise<T> {
  const parser = await loadGoParser();
  const tree = parser.parse(source);
  try {
    return fn({ source, tree });
  } finally {
    tree.delete();
  }
}

/** Applies the edits, and checks that gofmt has nothing to change in the result. */
function result(source: string, edits: Edit[]): string {
  const out = applyEdits(source, edits);
  if (goAvailable) expect({ gofmt: gofmtSource(out) }).toEqual({ gofmt: out });
  return out;
}

const body = '\nfunc f() {}\n';

describe('add', () => {
  const cases: [string, string, string, string | undefined, string][] = [
    ['no imports: a new declaration after the package clause', 'package p\n' + body, 'reflect', undefined, 'package p\n\nimport "reflect"\n' + body],
    ['no imports, code right after the package clause', 'package p\nfunc f() {}\n', 'reflect', undefined, 'package p\n\nimport "reflect"\n\nfunc f() {}\n'],
    ['package clause with a comment', 'package p // import "example.com/p"\n' + body, 'reflect', undefined, 'package p // import "example.com/p"\n\nimport "reflect"\n' + body],
    ['single-line import becomes a block, sorted', 'package p\n\nimport "unsafe"\n' + body, 'reflect', undefined, 'package p\n\nimport (\n\t"reflect"\n\t"unsafe"\n)\n' + body],
    ['single-line import keeps its comment', 'package p\n\nimport "fmt" // printing\n' + body, 'reflect', undefined, 'package p\n\nimport (\n\t"fmt" // printing\n\t"reflect"\n)\n' + body],
    ['single-line module import: std group first', 'package p\n\nimport "example.com/x"\n' + body, 'reflect', undefined, 'package p\n\nimport (\n\t"reflect"\n\n\t"example.com/x"\n)\n' + body],
    ['block: sorted place in the middle', 'package p\n\nimport (\n\t"fmt"\n\t"unsafe"\n)\n' + body, 'reflect', undefined, 'package p\n\nimport (\n\t"fmt"\n\t"reflect"\n\t"unsafe"\n)\n' + body],
    ['block: first', 'package p\n\nimport (\n\t"strings"\n\t"unsafe"\n)\n' + body, 'reflect', undefined, 'package p\n\nimport (\n\t"reflect"\n\t"strings"\n\t"unsafe"\n)\n' + body],
    ['block: last', 'package p\n\nimport (\n\t"fmt"\n\t"os"\n)\n' + body, 'reflect', undefined, 'package p\n\nimport (\n\t"fmt"\n\t"os"\n\t"reflect"\n)\n' + body],
    [
      'block with groups: into the std group',
      'package p\n\nimport (\n\t"fmt"\n\t"unsafe"\n\n\t"example.com/a"\n\t"golang.org/x/sys/unix"\n)\n' + body,
      'reflect',
      undefined,
      'package p\n\nimport (\n\t"fmt"\n\t"reflect"\n\t"unsafe"\n\n\t"example.com/a"\n\t"golang.org/x/sys/unix"\n)\n' + body,
    ],
    [
      'block with only modules: a new std group on top',
      'package p\n\nimport (\n\t"example.com/a"\n)\n' + body,
      'reflect',
      undefined,
      'package p\n\nimport (\n\t"reflect"\n\n\t"example.com/a"\n)\n' + body,
    ],
    [
      'module path: into the group with the longest shared prefix',
      'package p\n\nimport (\n\t"fmt"\n\n\t"example.com/a"\n\t"example.com/c"\n\n\t"golang.org/x/sys/unix"\n)\n' + body,
      'example.com/b',
      undefined,
      'package p\n\nimport (\n\t"fmt"\n\n\t"example.com/a"\n\t"example.com/b"\n\t"example.com/c"\n\n\t"golang.org/x/sys/unix"\n)\n' + body,
    ],
    ['module path with only std: a new group at the end', 'package p\n\nimport (\n\t"fmt"\n\t"os"\n)\n' + body, 'example.com/a', undefined, 'package p\n\nimport (\n\t"fmt"\n\t"os"\n\n\t"example.com/a"\n)\n' + body],
    [
      'a spec with a doc comment: inserted above the comment',
      'package p\n\nimport (\n\t"fmt"\n\t// for headers\n\t"unsafe"\n)\n' + body,
      'strings',
      undefined,
      'package p\n\nimport (\n\t"fmt"\n\t"strings"\n\t// for headers\n\t"unsafe"\n)\n' + body,
    ],
    ['a named import', 'package p\n\nimport (\n\t"fmt"\n)\n' + body, 'reflect', 'rf', 'package p\n\nimport (\n\t"fmt"\n\trf "reflect"\n)\n' + body],
    ['a dot import', 'package p\n\nimport (\n\t"fmt"\n)\n' + body, 'reflect', '.', 'package p\n\nimport (\n\t"fmt"\n\t. "reflect"\n)\n' + body],
    ['a blank import', 'package p\n\nimport (\n\t"fmt"\n)\n' + body, 'embed', '_', 'package p\n\nimport (\n\t_ "embed"\n\t"fmt"\n)\n' + body],
    [
      'import "C" is left alone: a new declaration after it',
      'package p\n\n// #include <stdio.h>\nimport "C"\n' + body,
      'unsafe',
      undefined,
      'package p\n\n// #include <stdio.h>\nimport "C"\n\nimport "unsafe"\n' + body,
    ],
    [
      'import "C" beside a block: into the block',
      'package p\n\n// #include <stdio.h>\nimport "C"\n\nimport (\n\t"fmt"\n)\n' + body,
      'unsafe',
      undefined,
      'package p\n\n// #include <stdio.h>\nimport "C"\n\nimport (\n\t"fmt"\n\t"unsafe"\n)\n' + body,
    ],
    ['an empty block', 'package p\n\nimport ()\n' + body, 'reflect', undefined, 'package p\n\nimport (\n\t"reflect"\n)\n' + body],
    ['a one-line block', 'package p\n\nimport ("fmt")\n' + body, 'reflect', undefined, 'package p\n\nimport (\n\t"fmt"\n\t"reflect"\n)\n' + body],
  ];
  test.each(cases)('%s', async (_name, source, path, name, expected) => {
    const edits = await withFile(source, (f) => add(f, path, name));
    expect(result(source, edits)).toBe(expected);
  });

  test('never a duplicate', async () => {
    const src = 'package p\n\nimport (\n\t_ "embed"\n\t"fmt"\n\t. "os"\n\trf "reflect"\n)\n' + body;
    await withFile(src, (f) => {
      expect(add(f, 'fmt')).toEqual([]);
      expect(add(f, 'fmt', 'fmt')).toEqual([]); // the same as the unnamed import
      expect(add(f, 'reflect', 'rf')).toEqual([]);
      expect(add(f, 'os', '.')).toEqual([]);
      expect(add(f, 'embed', '_')).toEqual([]);
      // A dot or blank import does not give a qualifier: the named one is added beside it.
      expect(result(src, add(f, 'os'))).toBe('package p\n\nimport (\n\t_ "embed"\n\t"fmt"\n\t"os"\n\t. "os"\n\trf "reflect"\n)\n' + body);
      expect(result(src, add(f, 'embed'))).toBe('package p\n\nimport (\n\t"embed"\n\t_ "embed"\n\t"fmt"\n\t. "os"\n\trf "reflect"\n)\n' + body);
    });
  });

  test('the edits are data: applying twice is not asked of them, one application is enough', async () => {
    const src = 'package p\n\nimport "fmt"\n' + body;
    const once = await withFile(src, (f) => applyEdits(src, add(f, 'reflect')));
    expect(await withFile(once, (f) => add(f, 'reflect'))).toEqual([]);
  });
});

describe('listImports, qualifierOf, assumedName', () => {
  test('names, dots and blanks', async () => {
    const src = 'package p\n\nimport "fmt"\nimport rf "reflect"\nimport . "os"\nimport _ "embed"\nimport "gopkg.in/yaml.v3"\nimport "example.com/go-thing/v2"\n' + body;
    await withFile(src, (f) => {
      expect(listImports(f).map((s) => [s.path, s.name, s.qualifier])).toEqual([
        ['fmt', undefined, 'fmt'],
        ['reflect', 'rf', 'rf'],
        ['os', '.', undefined],
        ['embed', '_', undefined],
        ['gopkg.in/yaml.v3', undefined, 'yaml'],
        ['example.com/go-thing/v2', undefined, 'thing'],
      ]);
      expect(qualifierOf(f, 'reflect')).toBe('rf');
      expect(qualifierOf(f, 'os')).toBeUndefined();
      expect(qualifierOf(f, 'unsafe')).toBeUndefined();
    });
    expect(assumedName('math/rand/v2')).toBe('rand');
  });

  test('raw-string import paths are found; a file that never spells the path is answered without its tree', async () => {
    const src = 'package p\n\nimport (\n\tr `reflect`\n\t"unsafe"\n)\n\n// reflect.SliceHeader is mentioned, "reflect" not imported twice\n' + body;
    await withFile(src, (f) => {
      expect(qualifierOf(f, 'reflect')).toBe('r');
      expect(qualifierOf(f, 'unsafe')).toBe('unsafe');
    });
    // No tree at all: reading it would throw, so only the text can have answered.
    const noTree = {
      source: 'package p\n\n// reflect.SliceHeader, reflected, "reflection"\nimport "fmt"\n',
      get tree(): never {
        throw new Error('parsed');
      },
    };
    expect(qualifierOf(noTree, 'reflect')).toBeUndefined();
    expect(() => qualifierOf(noTree, 'fmt')).toThrow('parsed');
  });
});

describe('importsOf: the imports read from the text, as the tree has them', () => {
  const fromTree = (f: Parameters<typeof listImports>[0]) => listImports(f).map(({ path, name, qualifier }) => ({ path, name, qualifier }));
  /** A file whose tree reading throws: only the text can answer. */
  const textOnly = (source: string) => ({
    source,
    topLevel: topLevelDecls(source),
    get tree(): never {
      throw new Error('parsed');
    },
  });

  test.each([
    ['groups, names, dots, blanks, raw strings', 'package p\n\nimport (\n\t"fmt"\n\trf "reflect"\n\t. "os"\n\t_ "embed"\n\tu `unsafe`\n)\nimport "gopkg.in/yaml.v3"\n'],
    ['comments around and inside specs', 'package p\n\n// import "not/this"\nimport ( /* x "nor/this" */ a "a/b" // b "c"\n\t/* c */ "d/e"\n)\n'],
    ['semicolons on one line', 'package p; import "fmt"; import ( r "reflect"; "unsafe" ); var _ = fmt.Sprint'],
    ['escaped quotes and backslashes', 'package p\n\nimport q "a\\"b"\nimport "c\\\\d"\n'],
    ['a declaration after the imports', 'package p\n\nimport "fmt"\n\nvar x = 1\n'],
    ['no imports', 'package p\n\nfunc f() {}\n'],
    ['Unicode names', 'package p\n\nimport 名前 "fmt"\n'],
  ])('%s', async (_name, src) => {
    await withFile(src, (f) => expect(importsOf(textOnly(src))).toEqual(fromTree(f)));
  });

  test('qualifierOf answers from the text when the file has its top-level declarations; the tree when the lexer could not read it', async () => {
    expect(qualifierOf(textOnly('package p\n\nimport u "unsafe"\n\nvar _ = u.Sizeof(0)\n'), 'unsafe')).toBe('u');
    expect(qualifierOf(textOnly('package p\n\nimport "unsafe"\n'), 'reflect')).toBeUndefined();
    expect(() => qualifierOf(textOnly('package p\n\nimport "unsafe"\n\nfunc f() {\n'), 'unsafe')).toThrow('parsed');
  });

  (haveGo() ? test : test.skip)('the same list as listImports on every file of a GOROOT/src sample that parses without errors', async () => {
    const parser = await loadGoParser();
    let compared = 0;
    for (const abs of gorootSample(4)) {
      const source = readFileSync(abs, 'utf8');
      const tree = parser.parse(source);
      try {
        if (tree.rootNode.hasError) continue;
        const f = { source, tree, topLevel: topLevelDecls(source) };
        expect({ abs, imports: importsOf(f) }).toEqual({ abs, imports: fromTree(f) });
        compared++;
      } finally {
        tree.delete();
      }
    }
    expect(compared).toBeGreaterThan(1200);
  });
});

describe('usesQualifier', () => {
  test.each([
    ['reflect.TypeOf(x)', true],
    ['var v reflect.Value', true],
    ['reflect /* c */ . Value', true],
    ['reflect\n\t.TypeOf(x)', true],
    ['// A comment that ends a sentence.\nreflect.TypeOf(x)', true],
    ['f(x...)\nreflect.TypeOf(x)', true],
    ['x.reflect.Y', false],
    ['"reflect.TypeOf"', false],
    ['`reflect.TypeOf`', false],
    ['// reflect.TypeOf', false],
    ['/* reflect.TypeOf */', false],
    ["'r' + reflected.X", false],
    ['reflect := 1', false],
    ['import "reflect"', false],
  ])('%s', (text, want) => {
    expect(usesQualifier(text, 'reflect')).toBe(want);
  });
});

describe('removeIfUnused', () => {
  const use = (s: string) => `\nfunc f() {\n\t${s}\n}\n`;
  const cases: [string, string, string][] = [
    ['single-line declaration', 'package p\n\nimport "reflect"\n' + use('_ = 1'), 'package p\n' + use('_ = 1')],
    ['single-line declaration among others', 'package p\n\nimport "fmt"\nimport "reflect"\n' + use('fmt.Println()'), 'package p\n\nimport "fmt"\n' + use('fmt.Println()')],
    ['block: a middle line', 'package p\n\nimport (\n\t"fmt"\n\t"reflect"\n\t"unsafe"\n)\n' + use('fmt.Println(unsafe.Sizeof(0))'), 'package p\n\nimport (\n\t"fmt"\n\t"unsafe"\n)\n' + use('fmt.Println(unsafe.Sizeof(0))')],
    ['block: alone in its group, last', 'package p\n\nimport (\n\t"fmt"\n\n\t"reflect"\n)\n' + use('fmt.Println()'), 'package p\n\nimport "fmt"\n' + use('fmt.Println()')],
    ['block: alone in its group, first', 'package p\n\nimport (\n\t"reflect"\n\n\t"example.com/a"\n)\n' + use('a.F()'), 'package p\n\nimport "example.com/a"\n' + use('a.F()')],
    [
      'block: alone in its group, between two',
      'package p\n\nimport (\n\t"fmt"\n\n\t"reflect"\n\n\t"example.com/a"\n)\n' + use('fmt.Println(a.F())'),
      'package p\n\nimport (\n\t"fmt"\n\n\t"example.com/a"\n)\n' + use('fmt.Println(a.F())'),
    ],
    ['block: the only import', 'package p\n\nimport (\n\t"reflect"\n)\n' + use('_ = 1'), 'package p\n' + use('_ = 1')],
    ['with its comments', 'package p\n\nimport (\n\t"fmt"\n\t// headers\n\t"reflect" // deprecated\n)\n' + use('fmt.Println()'), 'package p\n\nimport "fmt"\n' + use('fmt.Println()')],
    [
      'with its comments, others kept',
      'package p\n\nimport (\n\t"fmt" // printing\n\t// headers\n\t"reflect" // deprecated\n)\n' + use('fmt.Println()'),
      'package p\n\nimport (\n\t"fmt" // printing\n)\n' + use('fmt.Println()'),
    ],
    ['a named import', 'package p\n\nimport (\n\t"fmt"\n\trf "reflect"\n)\n' + use('fmt.Println()'), 'package p\n\nimport "fmt"\n' + use('fmt.Println()')],
    ['two left: the block stays', 'package p\n\nimport (\n\t"fmt"\n\t"os"\n\t"reflect"\n)\n' + use('fmt.Println(os.Args)'), 'package p\n\nimport (\n\t"fmt"\n\t"os"\n)\n' + use('fmt.Println(os.Args)')],
    ['the last import before code', 'package p\n\nimport "reflect"\n\nvar x = 1\n', 'package p\n\nvar x = 1\n'],
  ];
  test.each(cases)('%s', async (_name, source, expected) => {
    const edits = await withFile(source, (f) => removeIfUnused(f, 'reflect'));
    expect(result(source, edits)).toBe(expected);
  });

  test('kept while used: as a type, a value, or in a comment-split selector', async () => {
    for (const u of ['var _ reflect.Value', '_ = reflect.TypeOf', '_ = reflect. /* c */ TypeOf']) {
      const src = 'package p\n\nimport "reflect"\n' + use(u);
      expect(await withFile(src, (f) => removeIfUnused(f, 'reflect'))).toEqual([]);
    }
  });

  test('a selector on a local variable of the same name is not a use (Go scope rules)', async () => {
    const src = 'package p\n\nimport "reflect"\n\ntype T struct{ X int }\n' + use('reflect := T{}\n\t_ = reflect.X');
    const out = await withFile(src, (f) => result(src, removeIfUnused(f, 'reflect')));
    expect(out).toBe('package p\n\ntype T struct{ X int }\n' + use('reflect := T{}\n\t_ = reflect.X'));
  });

  test('kept when a use lies outside the local declaration\'s scope', async () => {
    const src = 'package p\n\nimport "reflect"\n\ntype T struct{ X int }\n' + use('{\n\t\treflect := T{}\n\t\t_ = reflect.X\n\t}\n\t_ = reflect.TypeOf(0)');
    expect(await withFile(src, (f) => removeIfUnused(f, 'reflect'))).toEqual([]);
  });

  test('a use that the fix itself inserts keeps the import', async () => {
    const src = 'package p\n\nimport "reflect"\n\nfunc f(reflect int) int { return reflect }\n';
    await withFile(src, (f) => {
      const at = src.indexOf('return reflect') + 'return '.length;
      expect(removeIfUnused(f, 'reflect', [{ start: at, end: at + 'reflect'.length, text: 'reflect.ValueOf(0).Int()' }])).toEqual([]);
    });
  });

  test('considers the other edits of the fix: removed when they remove the last use', async () => {
    const src = 'package p\n\nimport (\n\t"reflect"\n\t"unsafe"\n)\n' + use('_ = reflect.TypeOf(unsafe.Sizeof(0))');
    await withFile(src, (f) => {
      const at = src.indexOf('reflect.TypeOf(');
      const call: Edit = { start: at, end: at + 'reflect.TypeOf('.length, text: '(' };
      const remove = removeIfUnused(f, 'reflect', [call]);
      expect(result(src, [call, ...remove])).toBe('package p\n\nimport "unsafe"\n' + use('_ = (unsafe.Sizeof(0))'));
      // An edit that inserts a new use keeps it.
      expect(removeIfUnused(f, 'reflect', [call, { start: at, end: at, text: 'reflect.ValueOf' }])).toEqual([]);
    });
  });

  test('dot and blank imports, and module paths whose name is a guess, are kept', async () => {
    for (const [spec, path] of [
      ['. "reflect"', 'reflect'],
      ['_ "reflect"', 'reflect'],
      ['"example.com/go-thing"', 'example.com/go-thing'],
    ]) {
      const src = `package p\n\nimport ${spec}\n` + use('_ = 1');
      expect(await withFile(src, (f) => removeIfUnused(f, path))).toEqual([]);
    }
  });

  test('an unqualified module import whose name is its last element is removed', async () => {
    const src = 'package p\n\nimport (\n\t"fmt"\n\n\t"example.com/thing"\n)\n' + use('fmt.Println()');
    const edits = await withFile(src, (f) => removeIfUnused(f, 'example.com/thing'));
    expect(result(src, edits)).toBe('package p\n\nimport "fmt"\n' + use('fmt.Println()'));
  });
});

describe('updateImports: several import changes in one fix', () => {
  const cases: [string, string, { add?: string[]; removeIfUnused?: string[] }, [string, string][], string][] = [
    [
      'a single-line import replaced by another',
      'package p\n\nimport "io/ioutil"\n\nvar _, _ = ioutil.ReadFile("x")\n',
      { add: ['os'], removeIfUnused: ['io/ioutil'] },
      [['ioutil.', 'os.']],
      'package p\n\nimport "os"\n\nvar _, _ = os.ReadFile("x")\n',
    ],
    [
      'two imports added to a single-line import: one block',
      'package p\n\nimport "fmt"\n\nvar _ = fmt.Sprint()\n',
      { add: ['os', 'io'] },
      [],
      'package p\n\nimport (\n\t"fmt"\n\t"io"\n\t"os"\n)\n\nvar _ = fmt.Sprint()\n',
    ],
    [
      'two imports added before the same spec of a block: one insertion, sorted',
      'package p\n\nimport (\n\t"bytes"\n\t"strings"\n)\n\nvar _, _ = bytes.MinRead, strings.Compare\n',
      { add: ['os', 'io'] },
      [],
      'package p\n\nimport (\n\t"bytes"\n\t"io"\n\t"os"\n\t"strings"\n)\n\nvar _, _ = bytes.MinRead, strings.Compare\n',
    ],
    [
      'a block: one import out, two in',
      'package p\n\nimport (\n\t"bytes"\n\t"io/ioutil"\n\t"path/filepath"\n)\n\nvar _, _ = ioutil.ReadAll(bytes.NewReader(nil))\nvar _ = ioutil.Discard\nvar _ = filepath.Join\n',
      { add: ['io', 'os'], removeIfUnused: ['io/ioutil'] },
      [['ioutil.ReadAll', 'io.ReadAll'], ['ioutil.Discard', 'io.Discard']],
      'package p\n\nimport (\n\t"bytes"\n\t"io"\n\t"os"\n\t"path/filepath"\n)\n\nvar _, _ = io.ReadAll(bytes.NewReader(nil))\nvar _ = io.Discard\nvar _ = filepath.Join\n',
    ],
    [
      'a two-spec block: one out (it would collapse to one line), one in',
      'package p\n\nimport (\n\t"io"\n\t"io/ioutil"\n)\n\nvar _, _ = io.EOF, ioutil.ReadFile\n',
      { add: ['os'], removeIfUnused: ['io/ioutil'] },
      [['ioutil.ReadFile', 'os.ReadFile']],
      'package p\n\nimport (\n\t"io"\n\t"os"\n)\n\nvar _, _ = io.EOF, os.ReadFile\n',
    ],
    [
      'runs are kept: an addition joins its run, a removal leaves its run',
      'package p\n\nimport (\n\t"fmt"\n\t"io/ioutil"\n\n\t"example.com/a"\n)\n\nvar _, _, _ = fmt.Sprint, ioutil.ReadFile, a.X\n',
      { add: ['os'], removeIfUnused: ['io/ioutil', 'fmt'] },
      [['fmt.Sprint', 'a.Y'], ['ioutil.ReadFile', 'os.ReadFile']],
      'package p\n\nimport (\n\t"os"\n\n\t"example.com/a"\n)\n\nvar _, _, _ = a.Y, os.ReadFile, a.X\n',
    ],
    [
      'no imports yet: one block for two additions',
      'package p\n\nvar _ = 1\n',
      { add: ['os', 'io'] },
      [],
      'package p\n\nimport (\n\t"io"\n\t"os"\n)\n\nvar _ = 1\n',
    ],
    [
      'both specs of a two-spec block removed: the declaration goes',
      'package p\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc f() {\n\tfmt.Println(os.Args)\n}\n',
      { removeIfUnused: ['fmt', 'os'] },
      [['fmt.Println(os.Args)', 'println()']],
      'package p\n\nfunc f() {\n\tprintln()\n}\n',
    ],
  ];

  test.each(cases)('%s', async (_name, src, changes, uses, want) => {
    await withFile(src, (f) => {
      // The fix's other edits: every occurrence of `from` in code below the imports becomes `to`.
      const below = src.indexOf('\nvar') >= 0 ? src.indexOf('\nvar') : src.indexOf('\nfunc');
      const edits: Edit[] = uses.flatMap(([from, to]) => {
        const out: Edit[] = [];
        for (let at = src.indexOf(from, below); at >= 0; at = src.indexOf(from, at + from.length)) out.push({ start: at, end: at + from.length, text: to });
        return out;
      });
      expect(result(src, [...edits, ...updateImports(f, changes, edits)])).toBe(want);
    });
  });

  test('alone, an addition or a removal is exactly addImport / removeIfUnused', async () => {
    const src = 'package p\n\nimport (\n\t"fmt"\n\t"reflect"\n)\n\nvar _ = fmt.Sprint()\n';
    await withFile(src, (f) => {
      expect(updateImports(f, { add: ['os'] })).toEqual(add(f, 'os'));
      expect(updateImports(f, { removeIfUnused: ['reflect'] })).toEqual(removeIfUnused(f, 'reflect'));
      expect(updateImports(f, { add: ['fmt'] })).toEqual([]); // already there
    });
  });

  test('refuses to rewrite a block holding comments on lines of their own (they would be lost)', async () => {
    const src = 'package p\n\nimport (\n\t// only fmt\n\t"fmt"\n\t"os"\n)\n\nfunc f() { fmt.Println(os.Args) }\n';
    const at = src.indexOf('fmt.Println(os.Args)');
    const edits: Edit[] = [{ start: at, end: at + 'fmt.Println(os.Args)'.length, text: 'println()' }];
    await withFile(src, (f) => expect(() => updateImports(f, { removeIfUnused: ['fmt', 'os'] }, edits)).toThrow(/comments of its own lines/));
  });
});
