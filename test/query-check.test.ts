/** Why a query does not compile and where (src/registry/query-check.ts), and finding it in the author's source (find-literal.ts). */
import { loadGoParser } from '../src/go/parser.js';
import { findStringLiteral } from '../src/registry/find-literal.js';
import { lineColumn, queryProblem } from '../src/registry/query-check.js';

describe('queryProblem', () => {
  test.each([
    ['a misspelled node type', '(call_expression\n  function: (selector_expression field: (field_identifer)))', "unknown node type 'field_identifer' (did you mean 'field_identifier'?)", 2, 42],
    ['a misspelled field', '(call_expression funtion: (identifier))', "unknown field 'funtion' (did you mean 'function'?)", 1, 18],
    ['an unknown word with nothing close', '(zzzzzzzzzzzzzz)', "unknown node type 'zzzzzzzzzzzzzz'", 1, 2],
    ['an unclosed pattern', '(call_expression\n  (identifier) @x', 'syntax error: the query ends early (an unclosed parenthesis, bracket or string?)', 2, 18],
    ['a predicate on a capture its pattern lacks', '((identifier) @x (#eq? @y "a"))', 'unknown capture @y: a predicate names a capture that its pattern does not define', 1, 25],
    ['a predicate outside its pattern', '(identifier) @x\n(#eq? @x "a")', 'the predicate (#eq? @x "a") stands outside any pattern', 2, 1],
    ['non-ASCII text before the error: columns count characters', '((identifier) @x (#eq? @x "é")) (idntifier)', "unknown node type 'idntifier'", 1, 34],
  ])('%s', async (_what, query, message, line, column) => {
    const p = queryProblem(await loadGoParser(), query);
    expect(p?.message).toContain(message);
    expect({ line: p?.line, column: p?.column }).toEqual({ line, column });
    expect(lineColumn(query, p!.index!)).toEqual({ line, column });
  });

  test('a query that compiles has no problem; one without patterns has one, without a position', async () => {
    const parser = await loadGoParser();
    expect(queryProblem(parser, '((identifier) @x (#eq? @x "a")) (call_expression) @c')).toBeUndefined();
    expect(queryProblem(parser, '; only a comment\n')).toEqual({ message: 'the query has no pattern' });
  });
});

describe('findStringLiteral: where a value is written in JS / TS source', () => {
  const at = (text: string, value: string, index: number) => {
    const found = findStringLiteral(text, value);
    return found && lineColumn(text, found.offsetOf(index));
  };

  test('a template literal: the value is the text between the backticks', () => {
    const src = "const x = 1;\nexport const q = `\n  (call_expression\n    function: (bad))`;\n";
    const query = '\n  (call_expression\n    function: (bad))';
    expect(at(src, query, query.indexOf('bad'))).toEqual({ line: 4, column: 16 });
  });

  test('quoted strings with escapes: positions after an escape are the written ones', () => {
    const src = `const q = '(a) @x (#eq? @x \\'it\\\\\\'s\\') (bad)';\n`;
    const query = "(a) @x (#eq? @x 'it\\'s') (bad)";
    expect(at(src, query, query.indexOf('bad'))).toEqual({ line: 1, column: src.indexOf('bad') + 1 });
  });

  test('comments are skipped, so a quote in one does not swallow the literal', () => {
    const src = "// don't `mind` this\n/* it's ` fine */ const q = \"(call_expression (bad))\";\n";
    expect(at(src, '(call_expression (bad))', 18)).toEqual({ line: 2, column: src.split('\n')[1].indexOf('(bad') + 2 });
  });

  test('a literal that contains the value (the query was trimmed) is found too', () => {
    const src = 'const q = `\n   (bad)\n`.trim();\n';
    expect(at(src, '(bad)', 1)).toEqual({ line: 2, column: 5 });
  });

  test('values built at run time are not found', () => {
    expect(findStringLiteral("const q = '(call_expression ' + '(bad))';\n", '(call_expression (bad))')).toBeUndefined();
    expect(findStringLiteral('const q = `(call_expression ${inner})`;\n', '(call_expression (bad))')).toBeUndefined();
  });
});
