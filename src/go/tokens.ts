/**
 * A mini-lexer over Go source text, enough to tell code from comments and literals: the
 * identifier tokens of a text, and whether a name is used as a selector's operand.
 */

/** Whether `name` occurs as the operand of a selector (`name.X`) in Go source `text`. */
export function usesQualifier(text: string, name: string): boolean {
  let found = false;
  scanTokens(text, (tok, _start, end, afterDot) => {
    if (found || tok !== name) return;
    // Not itself a field (`x.name`), and followed by a dot (comments and spaces allowed).
    if (!afterDot && nextSignificant(text, end) === '.') found = true;
  });
  return found;
}


/**
 * Calls `fn` for each identifier token of Go source `text`, skipping comments, string, raw
 * string and rune literals (a mini-lexer: enough to tell code from text). `afterDot`: the
 * previous token is a `.` (the identifier is a field or method name, `x.name`).
 */
export function scanTokens(text: string, fn: (ident: string, start: number, end: number, afterDot: boolean) => void): void {
  const n = text.length;
  let i = 0;
  let last = ''; // the last character of the previous token
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      last = c;
    } else if (c === '`') {
      const e = text.indexOf('`', i + 1);
      i = e < 0 ? n : e + 1;
      last = c;
    } else if (/[\p{L}_]/u.test(c)) {
      const start = i;
      while (i < n && /[\p{L}\p{Nd}_]/u.test(text[i])) i++;
      fn(text.slice(start, i), start, i, last === '.');
      last = 'a';
    } else if (c >= '0' && c <= '9') {
      // A number, possibly with letters (0x1f, 1e9, 1_000, 2i): never an identifier.
      while (i < n && /[\p{L}\p{Nd}_.]/u.test(text[i])) i++;
      last = '0';
    } else {
      // `...` is not a selector dot.
      last = c === '.' && text.startsWith('...', i) ? ',' : c;
      i += c === '.' && text.startsWith('...', i) ? 3 : 1;
    }
  }
}
/** The first character after `at` that is neither space nor part of a comment. */
export function nextSignificant(text: string, at: number): string | undefined {
  let i = at;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('//', i)) {
      const e = text.indexOf('\n', i);
      if (e < 0) return undefined;
      i = e;
    } else if (text.startsWith('/*', i)) {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) return undefined;
      i = e + 2;
    } else {
      return i < text.length ? text[i] : undefined;
    }
  }
}

/**
 * If a comment or a string, raw string or rune literal starts at `i`, the offset after it;
 * otherwise `i`. An unterminated one runs to the end (the parser reports it).
 */
export function skipLiteral(text: string, i: number): number {
  const c = text[i];
  const n = text.length;
  if (c === '/' && text[i + 1] === '/') {
    const e = text.indexOf('\n', i);
    return e < 0 ? n : e;
  }
  if (c === '/' && text[i + 1] === '*') {
    const e = text.indexOf('*/', i + 2);
    return e < 0 ? n : e + 2;
  }
  if (c === '`') {
    const e = text.indexOf('`', i + 1);
    return e < 0 ? n : e + 1;
  }
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    return Math.min(j + 1, n);
  }
  return i;
}
