/**
 * Our Go grammar (grammars/): what it parses that tree-sitter-go 0.25.0 does not, that it
 * parses everything else to the same trees, and that the manifest describes the files.
 * "upstream" is the WASM shipped in the npm package tree-sitter-go (the pinned devDependency);
 * "ours" is grammars/tree-sitter-go.wasm. The corpus-wide checks (every file of GOROOT/src)
 * are scripts/grammar-corpus.mjs, run by npm run test:corpus.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Node, Parser } from 'web-tree-sitter';

const root = join(import.meta.dirname, '..');
const grammars = join(root, 'grammars');
const upstreamPackage = dirname(createRequire(join(root, 'package.json')).resolve('tree-sitter-go/package.json'));
const manifest = JSON.parse(readFileSync(join(grammars, 'PROVENANCE.json'), 'utf8'));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let ours: Parser;
let upstream: Parser;

beforeAll(async () => {
  await Parser.init();
  // Bytes, not paths: Language.load(path) uses fetch() under Jest.
  ours = new Parser();
  ours.setLanguage(await Language.load(readFileSync(join(grammars, 'tree-sitter-go.wasm'))));
  upstream = new Parser();
  upstream.setLanguage(await Language.load(readFileSync(join(upstreamPackage, 'tree-sitter-go.wasm'))));
});

afterAll(() => {
  ours?.delete();
  upstream?.delete();
});

interface Parsed {
  sexp: string;
  hasError: boolean;
  /** The argument list of the first call in the source, as S-expressions of its named children. */
  args: string[];
}

function parse(parser: Parser, source: string): Parsed {
  const tree = parser.parse(source);
  if (!tree) throw new Error('no tree');
  try {
    const call = tree.rootNode.descendantsOfType('call_expression')[0] as Node | undefined;
    const args = call?.childForFieldName('arguments')?.namedChildren.map((n) => n!.toString()) ?? [];
    return { sexp: tree.rootNode.toString(), hasError: tree.rootNode.hasError, args };
  } finally {
    tree.delete();
  }
}

/** A Go file with `expr` as the value of a statement in a function body. */
const inFunc = (expr: string) => `package p\n\nfunc f() {\n\t_ = ${expr}\n}\n`;

describe('Go 1.26 new(expr)', () => {
  const cases: [string, string][] = [
    ['new(uint64(1))', '(call_expression function: (identifier) arguments: (argument_list (int_literal)))'],
    ['new(value * 1000)', '(binary_expression left: (identifier) right: (int_literal))'],
    ['new(f())', '(call_expression function: (identifier) arguments: (argument_list))'],
    ['new(123)', '(int_literal)'],
    ['new("s")', '(interpreted_string_literal (interpreted_string_literal_content))'],
    ['new(1 < 2)', '(binary_expression left: (int_literal) right: (int_literal))'],
    ['new(-x)', '(unary_expression operand: (identifier))'],
    ['new(&x)', '(unary_expression operand: (identifier))'],
    ['new(<-ch)', '(unary_expression operand: (identifier))'],
    ['new(a.b.c)', '(selector_expression operand: (selector_expression operand: (identifier) field: (field_identifier)) field: (field_identifier))'],
    ['new(s[0])', '(index_expression operand: (identifier) index: (int_literal))'],
    ['new(s[1:])', '(slice_expression operand: (identifier) start: (int_literal))'],
    ['new(x.(int))', '(type_assertion_expression operand: (identifier) type: (type_identifier))'],
    ['new(T{1})', '(composite_literal type: (type_identifier) body: (literal_value (literal_element (int_literal))))'],
    ['new([]int{1})', '(composite_literal type: (slice_type element: (type_identifier)) body: (literal_value (literal_element (int_literal))))'],
    ['new(func() int { return 1 }())', '(call_expression function: (func_literal parameters: (parameter_list) result: (type_identifier) body: (block (statement_list (return_statement (expression_list (int_literal)))))) arguments: (argument_list))'],
    ['new(secretType(secretValue))', '(call_expression function: (identifier) arguments: (argument_list (identifier)))'],
    ['new(time.Duration(5) * time.Second)', '(binary_expression left: (call_expression function: (selector_expression operand: (identifier) field: (field_identifier)) arguments: (argument_list (int_literal))) right: (selector_expression operand: (identifier) field: (field_identifier)))'],
    // A local func or variable named make or new takes expressions too (encoding/json/v2).
    ['make(n - 1)', '(binary_expression left: (identifier) right: (int_literal))'],
    ['make(100)', '(int_literal)'],
  ];

  test.each(cases)('%s parses, with the expression as the argument', (expr, arg) => {
    const got = parse(ours, inFunc(expr));
    expect(got.hasError).toBe(false);
    expect(got.args).toEqual([arg]);
    // Why this test exists: upstream rejects every one of these.
    expect(parse(upstream, inFunc(expr)).hasError).toBe(true);
  });

  test('a new(expr) in a larger file leaves the rest of the tree as upstream parses it', () => {
    const rest = 'type T struct{ p *int }\n\nfunc g(x int) T {\n\treturn T{p: X}\n}\n';
    const src = (arg: string) => `package p\n\n${rest.replace('X', `new(${arg})`)}`;
    const got = parse(ours, src('x + 1'));
    expect(got.hasError).toBe(false);
    // Replacing the expression by a type gives a file upstream parses: the same tree but there.
    const withType = parse(ours, src('int')).sexp;
    expect(withType).toBe(parse(upstream, src('int')).sexp);
    expect(got.sexp.replace('(binary_expression left: (identifier) right: (int_literal))', '(type_identifier)')).toBe(withType);
  });
});

describe('types in new and make parse as before (codemods match type_identifier there)', () => {
  const types = [
    'new(T)', 'new(pkg.T)', 'new(*T)', 'new([]int)', 'make([]T, n)', 'make(map[K]V)',
    'make([]T, n, m)', 'make(chan int)', 'make(chan<- T, 1)', 'new(T[int])', 'new(pkg.T[K, V])',
    'new(struct{})', 'new(struct{ a int })', 'new(interface{})', 'new(func(int) error)', 'new([4]byte)',
    'new([n]uintptr)', 'new(map[string][]int)', 'new((T))', 'new(**T)', 'make(S, 0, len(s))', 'new(x)',
    'new(int,)', 'make([]T, n,)',
  ];

  test.each(types)('%s', (expr) => {
    const got = parse(ours, inFunc(expr));
    expect(got.hasError).toBe(false);
    expect(got.sexp).toBe(parse(upstream, inFunc(expr)).sexp);
  });

  test('the first argument is the type node codemods query', () => {
    expect(parse(ours, inFunc('new(T)')).args).toEqual(['(type_identifier)']);
    expect(parse(ours, inFunc('new(pkg.T)')).args).toEqual(['(qualified_type package: (package_identifier) name: (type_identifier))']);
    expect(parse(ours, inFunc('new(*T)')).args).toEqual(['(pointer_type (type_identifier))']);
    expect(parse(ours, inFunc('make([]T, n)')).args).toEqual(['(slice_type element: (type_identifier))', '(identifier)']);
    expect(parse(ours, inFunc('make(map[K]V)')).args).toEqual(['(map_type key: (type_identifier) value: (type_identifier))']);
  });
});

/**
 * Valid Go (go vet accepts each in a package of its own) that upstream rejects, each found in
 * $(go env GOROOT)/test files marked `// run` or `// compile`, or in GOROOT/src testdata.
 * [what, source, a piece of our tree that shows the right structure]
 */
const otherGaps: [string, string, string][] = [
  ['the last line has no newline (a type)', 'package p\n\ntype T int',
    '(type_declaration (type_spec name: (type_identifier) type: (type_identifier))))'],
  ['the last line has no newline (a var)', 'package p\n\nvar x int',
    '(var_declaration (var_spec name: (identifier) type: (type_identifier))))'],
  ['the last line has no newline (a call)', 'package p\n\nfunc f() {\n}\n\nvar _ = 1\n\nx()',
    '(expression_statement (call_expression function: (identifier) arguments: (argument_list))))'],
  ['the last line has no newline (a const block)', 'package p\n\nconst (\n\tA = 1\n)',
    '(const_declaration (const_spec name: (identifier) value: (expression_list (int_literal)))))'],
  ['var ( x = 1 ) on one line', 'package p\n\nvar ( x = 1 )\n',
    '(var_declaration (var_spec_list (var_spec name: (identifier) value: (expression_list (int_literal)))))'],
  ['const ( A = 1; B ) on one line', 'package p\n\nconst ( A = 1; B )\n',
    '(const_declaration (const_spec name: (identifier) value: (expression_list (int_literal))) (const_spec name: (identifier)))'],
  ['if with an empty init statement', 'package p\n\nfunc f() {\n\tif ; false {\n\t}\n}\n',
    '(if_statement condition: (false) consequence: (block))'],
  ['switch with an empty init statement', 'package p\n\nfunc f() {\n\tswitch ; {\n\tcase true:\n\t}\n}\n',
    '(expression_switch_statement (expression_case value: (expression_list (true))))'],
  ['type switch with an empty init statement', 'package p\n\nfunc f(x any) {\n\tswitch ; y := x.(type) {\n\tcase int:\n\t\t_ = y\n\t}\n}\n',
    '(type_switch_statement alias: (expression_list (identifier)) value: (identifier) (type_case'],
  ['two labels before a closing brace', 'package p\n\nfunc f() {\n\tgoto L\nL:\nL1:\n}\n',
    '(labeled_statement label: (label_name) (labeled_statement label: (label_name)))'],
  ['(make) with a type argument', 'package p\n\nvar _ = (make)([]int, 3)\n',
    '(call_expression function: (parenthesized_expression (identifier)) arguments: (argument_list (slice_type element: (type_identifier)) (int_literal)))'],
  ['((new)) with a type argument', 'package p\n\nvar _ = ((new))(map[string]int)\n',
    '(call_expression function: (parenthesized_expression (parenthesized_expression (identifier))) arguments: (argument_list (map_type key: (type_identifier) value: (type_identifier))))'],
  ['a method expression on a struct type literal', 'package p\n\nvar _ = struct{ I }.M\n',
    '(selector_expression operand: (struct_type (field_declaration_list (field_declaration type: (type_identifier)))) field: (field_identifier))'],
  ['a method expression on an interface type literal', 'package p\n\nvar _ = interface{ M() }.M\n',
    '(selector_expression operand: (interface_type (method_elem name: (field_identifier) parameters: (parameter_list))) field: (field_identifier))'],
  ['a method expression on a parenthesized type literal', 'package p\n\nvar _ = (interface{ I }).M\n',
    '(selector_expression operand: (parenthesized_type (interface_type (type_elem (type_identifier)))) field: (field_identifier))'],
  ['a method expression on a pointer to a type literal', 'package p\n\nvar _ = (*struct{ I }).M\n',
    '(selector_expression operand: (parenthesized_type (pointer_type (struct_type (field_declaration_list (field_declaration type: (type_identifier)))))) field: (field_identifier))'],
];

describe('other valid Go that upstream rejects', () => {
  test.each(otherGaps)('%s', (_what, source, piece) => {
    const got = parse(ours, source);
    expect(got.hasError).toBe(false);
    expect(got.sexp).toContain(piece);
    expect(parse(upstream, source).hasError).toBe(true);
  });

  /** Texts near the changes that upstream already parsed: the same trees. */
  const unchanged = [
    'package p\n\nfunc f() {\nL1: L2:\n\tfor {\n\t}\n}\n',
    'package p\n\nfunc f() {\nL1:\nL2:\n\tx()\n}\n',
    'package p\n\nfunc f() {\n\tx()\nL:\n}\n',
    'package p\n\nfunc f() {\nL: ;\n}\n',
    'package p\n\nfunc f() {\n\tif x := g(); x {\n\t}\n\tswitch x := 1; x {\n\t}\n\tswitch {\n\t}\n}\n',
    'package p\n\nvar _ = (*T).M\nvar _ = (T).M\nvar _ = (*p).x\nvar _ = struct{ A int }{1}.A\nvar _ = (struct{ A int })(x)\nvar _ = interface{}(x)\n',
    'package p\n\nvar _ = (f)(x)\nvar _ = g((make), 1)\nvar _ = (new)\n',
    'package p\n\nvar x = 1', // upstream's '\\0' terminator matched here already
    'package p\n\nconst (\n\tA = iota\n\tB\n)\n\nvar (\n\tx = 1\n)\n\nvar ()\n',
    'package p\n\nfunc f() {}',
    'x := 1\ny++\n',
  ];

  test.each(unchanged)('as before: %j', (source) => {
    const got = parse(ours, source);
    expect(got.hasError).toBe(false);
    expect(got.sexp).toBe(parse(upstream, source).sexp);
  });

  test('(new)(int) takes a type, as new(int) does (upstream read int as a value)', () => {
    const source = 'package p\n\nvar _ = (new)(int)\n';
    expect(parse(ours, source).args).toEqual(['(type_identifier)']);
    expect(parse(upstream, source).args).toEqual(['(identifier)']);
  });
});

describe('grammars/PROVENANCE.json describes the committed files', () => {
  test('the WASM', () => {
    expect(sha256(join(grammars, manifest.file))).toBe(manifest.sha256);
    expect(readFileSync(join(grammars, manifest.file)).length).toBe(manifest.bytes);
    expect(manifest.abi).toBe(ours.language!.abiVersion);
  });

  test('the upstream sources are the pinned npm package, unchanged', () => {
    const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies['tree-sitter-go'];
    const installed = JSON.parse(readFileSync(join(upstreamPackage, 'package.json'), 'utf8'));
    expect(manifest.upstream).toMatchObject({ package: 'tree-sitter-go', version: pinned });
    expect(installed.version).toBe(pinned);
    for (const [file, sha] of Object.entries(manifest.upstream.sha256)) {
      expect([file, sha256(join(grammars, manifest.upstream.dir, file))]).toEqual([file, sha]);
      expect([file, sha256(join(upstreamPackage, file))]).toEqual([file, sha]);
    }
  });

  test('the patch and the generated sources', () => {
    expect(sha256(join(grammars, manifest.patch.file))).toBe(manifest.patch.sha256);
    expect(manifest.generator).toEqual({ package: 'tree-sitter-cli', version: '0.25.8' });
    expect(readFileSync(join(grammars, manifest.generated.dir, 'parser.c'), 'utf8')).toMatch(/^\/\* Automatically @generated by tree-sitter v0\.25\.8 \*\//);
    for (const [file, sha] of Object.entries(manifest.generated.sha256)) {
      expect([file, sha256(join(grammars, manifest.generated.dir, file))]).toEqual([file, sha]);
    }
  });

  test('the compiler, and sources named by package and version only', () => {
    expect(manifest.compiler.version).toMatch(/clang version 14\./);
    expect(Object.keys(manifest.compiler.packages)).toEqual(expect.arrayContaining(['clang-14', 'lld-14', 'wasi-libc']));
    expect(JSON.stringify(manifest)).not.toMatch(/https?:|\/\/[a-z]/i);
  });
});
