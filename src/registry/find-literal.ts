/**
 * Finds where a string value sits in JavaScript or TypeScript source as a string literal, so
 * that a position inside the value (a query's syntax error) becomes a position in the
 * author's file. Not a parser: it reads '...', "..." and `...` literals (without `${}`
 * interpolation), skipping comments, and decodes their escapes, keeping for each character of
 * the value the offset it was written at. A value built at run time (concatenated,
 * interpolated, imported from a package) is not found; callers then fall back to positions in
 * the value itself.
 */

export interface LiteralMatch {
  /** Offset in the source text (UTF-16) at which the value's character `index` was written. */
  offsetOf(index: number): number;
}

/**
 * The literal whose value is `value` or, failing that, contains it (a query written with
 * surrounding blank lines and trimmed, say); the first such in the text. Undefined when none.
 */
export function findStringLiteral(text: string, value: string): LiteralMatch | undefined {
  if (value === '') return undefined;
  // Skipping comments keeps quotes paired; if a quote this reader misjudges (in a regular
  // expression literal, say) threw the pairing off, every quote is tried as an opening one.
  return search(literals(text), value) ?? search(everyLiteral(text), value);
}

function search(found: Iterable<Literal>, value: string): LiteralMatch | undefined {
  let containing: LiteralMatch | undefined;
  for (const lit of found) {
    if (lit.value === value) return at(lit, 0);
    if (!containing) {
      const k = lit.value.indexOf(value);
      if (k >= 0) containing = at(lit, k);
    }
  }
  return containing;
}

function* everyLiteral(text: string): Generator<Literal> {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      const lit = decode(text, i);
      if (lit) yield lit.literal;
    }
  }
}

interface Literal {
  value: string;
  /** rawAt[i]: the source offset of the value's i-th UTF-16 unit; one more entry for the end. */
  rawAt: number[];
}

function at(lit: Literal, shift: number): LiteralMatch {
  return { offsetOf: (index) => lit.rawAt[Math.min(index + shift, lit.rawAt.length - 1)] };
}

/** Every string literal in source order, comments skipped. */
function* literals(text: string): Generator<Literal> {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const lit = decode(text, i);
      if (lit) {
        yield lit.literal;
        i = lit.end;
      } else i++;
    } else i++;
  }
}

/** The literal opening at `start`, decoded, and the offset after its closing quote; undefined when it is not one. */
function decode(text: string, start: number): { literal: Literal; end: number } | undefined {
  const quote = text[start];
  const template = quote === '`';
  let value = '';
  const rawAt: number[] = [];
  const put = (s: string, offset: number) => {
    value += s;
    for (let k = 0; k < s.length; k++) rawAt.push(offset);
  };
  for (let i = start + 1; i < text.length; ) {
    const c = text[i];
    if (c === quote) {
      rawAt.push(i);
      return { literal: { value, rawAt }, end: i + 1 };
    }
    if (template && c === '$' && text[i + 1] === '{') return undefined;
    if (c === '\n' && !template) return undefined;
    if (c === '\r' && template) {
      // A template's cooked value has \n for a CR LF or a lone CR.
      put('\n', i);
      i += text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (c !== '\\') {
      put(c, i);
      i++;
      continue;
    }
    const escape = unescape(text, i);
    if (!escape) return undefined;
    put(escape.value, i);
    i = escape.end;
  }
  return undefined;
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function unescape(text: string, i: number): { value: string; end: number } | undefined {
  const e = text[i + 1];
  if (e === undefined) return undefined;
  if (e === '\r') return { value: '', end: text[i + 2] === '\n' ? i + 3 : i + 2 }; // line continuation
  if (e === '\n' || e === '\u2028' || e === '\u2029') return { value: '', end: i + 2 };
  if (e in SIMPLE && !(e === '0' && /[0-9]/.test(text[i + 2] ?? ''))) return { value: SIMPLE[e], end: i + 2 };
  if (e === 'x') {
    const hex = text.slice(i + 2, i + 4);
    return /^[0-9a-fA-F]{2}$/.test(hex) ? { value: String.fromCharCode(parseInt(hex, 16)), end: i + 4 } : undefined;
  }
  if (e === 'u') {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(i + 2, i + 11));
    if (braced) return { value: String.fromCodePoint(parseInt(braced[1], 16)), end: i + 2 + braced[0].length };
    const hex = text.slice(i + 2, i + 6);
    return /^[0-9a-fA-F]{4}$/.test(hex) ? { value: String.fromCharCode(parseInt(hex, 16)), end: i + 6 } : undefined;
  }
  return { value: e, end: i + 2 };
}
