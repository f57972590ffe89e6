/**
 * Needles derived from a tree-sitter query: strings of which every match must contain at
 * least one, read off the query's literal tokens (`"=="`), node types whose text is fixed
 * (`(true)`, `(nil)`), and text predicates (`(#eq? @pkg "strings")`, `#any-of?`). With them
 * the query pass skips a file that cannot match without parsing it, and parses only the
 * top-level declarations that hold a needle (src/engine/needle-ranges.ts), so a codemod that
 * declares a query needs no hand-written needles to be fast.
 *
 * Sound, not complete: whatever cannot be proven required (optional or repeated parts,
 * wildcards, `#match?`, negations) requires nothing, and a pattern that requires nothing
 * makes the whole query needle-less (every file is then parsed, as before).
 */

export interface QueryNeedles {
  /** Every match contains at least one of these. */
  needles: string[];
  /**
   * Every match lies inside one top-level declaration (or one top-level comment): true when
   * every pattern is a single node below source_file. Then parsing only the declarations
   * that contain a needle finds every match.
   */
  withinDeclarations: boolean;
}

/**
 * Named node types of tree-sitter-go whose text is always the same. Error recovery could in
 * principle insert them as zero-width MISSING nodes (see MAY_BE_MISSING), but wherever one of
 * them may be missing an identifier may be too, and recovery tries `identifier` (symbol 1)
 * first: GOROOT/src with tokens deleted at random never shows a MISSING nil/true/false/iota.
 */
const FIXED_TEXT: Record<string, string> = { true: 'true', false: 'false', nil: 'nil', iota: 'iota' };

/**
 * Anonymous tokens that can end a construct of tree-sitter-go, so that error recovery may
 * insert them as zero-width MISSING nodes: `"}" @b` matches the MISSING "}" of a file that
 * ends inside a block and holds no "}" at all. They require nothing. Computed from the parse
 * table (a token after which some state can reduce); test/query-needles.test.ts recomputes it.
 */
const MAY_BE_MISSING = new Set([';', '.', ')', ']', '...', '}', '++', '--', ':', 'fallthrough', 'break', 'continue', 'return', '`', '"']);

/** Node types a match could span several declarations with. */
const SPANNING = new Set(['source_file', 'ERROR', '_']);

type Tok = { kind: 'open' | 'close' | 'lbrack' | 'rbrack' | 'string' | 'capture' | 'predicate' | 'field' | 'negfield' | 'quant' | 'anchor' | 'word'; text: string };

type Pattern =
  | { kind: 'node'; type: string; children: Pattern[] }
  | { kind: 'literal'; text: string }
  | { kind: 'alt'; options: Pattern[] }
  | { kind: 'group'; items: Pattern[] }
  | { kind: 'predicate'; name: string; args: Tok[] }
  | { kind: 'optional'; inner: Pattern } // ? and *
  | { kind: 'repeat'; inner: Pattern } // +: one or more siblings
  | { kind: 'none' }; // anchors, negated fields: match anything

/** Any-of alternatives; null: nothing required. */
type Req = string[] | null;

export function queryNeedles(source: string): QueryNeedles | undefined {
  let patterns: Pattern[];
  try {
    patterns = parsePatterns(tokenize(source));
  } catch {
    return undefined; // not ours to report: the query compiler names the problem
  }
  if (!patterns.length) return undefined;
  const needles = new Set<string>();
  for (const p of patterns) {
    const r = requirement(p);
    if (!r) return undefined;
    for (const n of r) needles.add(n);
  }
  return { needles: [...needles], withinDeclarations: patterns.every(isSingleNodeBelowRoot) };
}

function isSingleNodeBelowRoot(p: Pattern): boolean {
  // A top-level capture or predicates wrapped with the node: `((x) @c (#eq? @c "y"))`.
  if (p.kind === 'group') {
    const nodes = p.items.filter((i) => i.kind !== 'predicate');
    return nodes.length === 1 && isSingleNodeBelowRoot(nodes[0]);
  }
  if (p.kind === 'alt') return p.options.every(isSingleNodeBelowRoot);
  if (p.kind === 'literal') return true;
  // `(comment)+` at the top matches runs of siblings of source_file: with a declaration
  // between them left out of the parse, two runs would become one.
  if (p.kind === 'repeat') return false;
  return p.kind === 'node' && !SPANNING.has(p.type);
}

/** What a match of `p` must contain: the most selective of its required parts. */
function requirement(p: Pattern): Req {
  switch (p.kind) {
    case 'literal':
      return p.text && !MAY_BE_MISSING.has(p.text) ? [p.text] : null;
    case 'alt': {
      const all = new Set<string>();
      for (const o of p.options) {
        const r = requirement(o);
        if (!r) return null;
        for (const s of r) all.add(s);
      }
      return [...all];
    }
    case 'node':
    case 'group': {
      // `(MISSING "}")`, `(MISSING nil)`: zero-width nodes, no text of theirs in the file.
      if (p.kind === 'node' && p.type === 'MISSING') return null;
      const parts = p.kind === 'node' ? p.children : p.items;
      const reqs: Req[] = parts.map(requirement);
      if (p.kind === 'node' && FIXED_TEXT[p.type]) reqs.push([FIXED_TEXT[p.type]]);
      return best(reqs);
    }
    case 'predicate':
      return predicateRequirement(p);
    case 'repeat':
      return requirement(p.inner);
    case 'optional':
    case 'none':
      return null;
  }
}

/**
 * `(#eq? @c "text")` and `(#any-of? @c "a" "b")` require that text of a capture. Only when
 * the capture cannot be absent from a match: captures inside optional parts are left out
 * (see `dropOptionalCaptures`).
 */
function predicateRequirement(p: Extract<Pattern, { kind: 'predicate' }>): Req {
  const [first, ...rest] = p.args;
  if (first?.kind !== 'capture' || !rest.length || rest.some((a) => a.kind !== 'string')) return null;
  if (p.name === 'eq?' && rest.length === 1) return rest[0].text ? [rest[0].text] : null;
  if (p.name === 'any-of?') return rest.every((a) => a.text) ? rest.map((a) => a.text) : null;
  return null;
}

/** The most selective requirement: its shortest alternative longest, then fewest alternatives. */
function best(reqs: Req[]): Req {
  let chosen: Req = null;
  const score = (r: string[]) => Math.min(...r.map((s) => s.length)) * 1000 - r.length;
  for (const r of reqs) if (r && (!chosen || score(r) > score(chosen))) chosen = r;
  return chosen;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (c === ';') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl + 1;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      out.push({ kind: c === '(' ? 'open' : c === ')' ? 'close' : c === '[' ? 'lbrack' : 'rbrack', text: c });
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') {
          const e = src[i + 1];
          text += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '0' ? '\0' : e;
          i += 2;
        } else text += src[i++];
      }
      if (i >= src.length) throw new Error('unterminated string');
      i++;
      out.push({ kind: 'string', text });
    } else if (c === '?' || c === '*' || c === '+') {
      out.push({ kind: 'quant', text: c });
      i++;
    } else if (c === '.') {
      out.push({ kind: 'anchor', text: c });
      i++;
    } else {
      const m = /^[@#!]?[A-Za-z0-9_\-.?!]+:?/.exec(src.slice(i));
      if (!m) throw new Error(`unexpected ${c}`);
      const w = m[0];
      i += w.length;
      if (w.startsWith('@')) out.push({ kind: 'capture', text: w.slice(1) });
      else if (w.startsWith('#')) out.push({ kind: 'predicate', text: w.slice(1) });
      else if (w.startsWith('!')) out.push({ kind: 'negfield', text: w.slice(1) });
      else if (w.endsWith(':')) out.push({ kind: 'field', text: w.slice(0, -1) });
      else out.push({ kind: 'word', text: w });
    }
  }
  return out;
}

function parsePatterns(toks: Tok[]): Pattern[] {
  let i = 0;
  const peek = () => toks[i];
  const expect = (kind: Tok['kind']) => {
    if (toks[i]?.kind !== kind) throw new Error(`expected ${kind}`);
    return toks[i++];
  };

  /** One pattern with its trailing captures and quantifier. */
  const element = (): Pattern => {
    const t = peek();
    let p: Pattern;
    if (!t) throw new Error('unexpected end');
    if (t.kind === 'field') {
      i++;
      return element(); // a field constrains where, not what: the child is still required
    }
    if (t.kind === 'negfield' || t.kind === 'anchor') {
      i++;
      return { kind: 'none' };
    }
    if (t.kind === 'string') {
      i++;
      p = { kind: 'literal', text: t.text };
    } else if (t.kind === 'word') {
      i++;
      p = t.text === '_' ? { kind: 'none' } : { kind: 'node', type: t.text, children: [] };
    } else if (t.kind === 'lbrack') {
      i++;
      const options: Pattern[] = [];
      while (peek() && peek().kind !== 'rbrack') options.push(element());
      expect('rbrack');
      p = { kind: 'alt', options };
    } else if (t.kind === 'open') {
      i++;
      const head = peek();
      if (head?.kind === 'predicate') {
        i++;
        const args: Tok[] = [];
        while (peek() && peek().kind !== 'close') args.push(toks[i++]);
        expect('close');
        return { kind: 'predicate', name: head.text, args };
      }
      if (head?.kind === 'word') {
        i++;
        const children: Pattern[] = [];
        while (peek() && peek().kind !== 'close') children.push(element());
        expect('close');
        p = { kind: 'node', type: head.text, children }; // `(_ ...)`: any named node
      } else {
        const items: Pattern[] = [];
        while (peek() && peek().kind !== 'close') items.push(element());
        expect('close');
        p = { kind: 'group', items };
      }
    } else {
      throw new Error(`unexpected ${t.text}`);
    }
    while (peek()?.kind === 'capture') captured.add(toks[i++].text);
    const q = peek();
    if (q?.kind === 'quant') {
      i++;
      p = q.text === '+' ? { kind: 'repeat', inner: p } : { kind: 'optional', inner: p };
      while (peek()?.kind === 'capture') captured.add(toks[i++].text);
    }
    return p;
  };

  const patterns: Pattern[] = [];
  /** The captures of the current top-level pattern. */
  let captured = new Set<string>();
  while (i < toks.length) {
    captured = new Set();
    const p = element();
    patterns.push(dropOptionalCaptures(p, captured));
  }
  return patterns;
}

/**
 * A predicate on a capture in an optional part (or in one branch of an alternation) may
 * hold for a match that lacks the capture, and then requires nothing. Captures are not
 * tracked by name here: a pattern with any optional part or alternation keeps none of its
 * predicates (conservative and simple). Capture names are shared by the whole query, so a
 * predicate may also name a capture of another pattern, never present in this one's matches:
 * `(true) @b ((identifier) @a (#eq? @b "x"))` matches every identifier (#eq? holds for no
 * node). Such predicates are dropped too.
 */
function dropOptionalCaptures(p: Pattern, captured: ReadonlySet<string>): Pattern {
  const hasOptional = (q: Pattern): boolean => {
    switch (q.kind) {
      case 'optional':
      case 'alt':
        return true;
      case 'node':
        return q.children.some(hasOptional);
      case 'group':
        return q.items.some(hasOptional);
      case 'repeat':
        return hasOptional(q.inner);
      default:
        return false;
    }
  };
  const optional = hasOptional(p);
  const strip = (q: Pattern): Pattern => {
    switch (q.kind) {
      case 'predicate':
        return optional || q.args[0]?.kind !== 'capture' || !captured.has(q.args[0].text) ? { kind: 'none' } : q;
      case 'node':
        return { ...q, children: q.children.map(strip) };
      case 'group':
        return { ...q, items: q.items.map(strip) };
      // Into alternations too: predicates belong to the whole pattern, not to their branch, so
      // `[((int_literal) @c (#eq? @c "1")) ((identifier) @a (#eq? @c "1"))]` matches every
      // identifier (no @c in its matches), "1" in the file or not.
      case 'alt':
        return { ...q, options: q.options.map(strip) };
      case 'optional':
      case 'repeat':
        return { ...q, inner: strip(q.inner) };
      default:
        return q;
    }
  };
  return strip(p);
}
