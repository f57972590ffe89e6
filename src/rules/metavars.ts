/**
 * Metavariables in a Go snippet: `$NAME` (one node), `$$$NAME` (zero or more sibling
 * nodes), `$_` and `$$$` / `$$$_` (the same without capturing). Go has no `$`, so before a
 * snippet is parsed each metavariable becomes a placeholder identifier that tree-sitter-go
 * reads wherever a name may stand; the tree's placeholder leaves are then read back as
 * metavariables. A `$` inside a string, rune or comment is text, not a metavariable.
 */
import { skipLiteral } from '../go/tokens.js';

export interface Metavar {
  /** The name without `$`s; '_' for an anonymous one. */
  name: string;
  /** `$$$NAME`: zero or more sibling nodes. */
  multi: boolean;
  /** `$_`, `$$$`, `$$$_`: matches without capturing (two of them need not be equal). */
  anonymous: boolean;
}

/** A snippet with its metavariables replaced by placeholder identifiers. */
export interface Placeheld {
  text: string;
  /** Placeholder identifier -> metavariable. */
  vars: Map<string, Metavar>;
  /** Where each metavariable was in the original snippet (for errors), in order. */
  spots: { metavar: Metavar; start: number; end: number; placeholder: string }[];
}

export class SnippetError extends Error {
  constructor(
    message: string,
    /** UTF-16 offset in the snippet the error is about, when there is one. */
    readonly offset?: number,
  ) {
    super(message);
  }
}

const SINGLE_PREFIX = '__mv_';
const MULTI_PREFIX = '__mvs_';
const NAME = /^[A-Z][A-Z0-9_]*/;

/** The metavariable a placeholder identifier stands for (undefined: an ordinary name). */
export function placeholderVar(text: string, vars: ReadonlyMap<string, Metavar>): Metavar | undefined {
  return text.startsWith('__mv') ? vars.get(text) : undefined;
}

/**
 * Replaces the metavariables of `snippet` with placeholder identifiers. Throws a
 * SnippetError for a `$` that starts no metavariable, or a lower-case name.
 */
export function placehold(snippet: string): Placeheld {
  const vars = new Map<string, Metavar>();
  const spots: Placeheld['spots'] = [];
  let out = '';
  let anon = 0;
  let i = 0;
  const n = snippet.length;
  while (i < n) {
    const c = snippet[i];
    const skip = skipLiteral(snippet, i);
    if (skip > i) {
      out += snippet.slice(i, skip);
      i = skip;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const multi = snippet.startsWith('$$$', i);
    const at = i + (multi ? 3 : 1);
    const rest = snippet.slice(at);
    let name: string;
    let len: number;
    if (rest.startsWith('_') && !/^_[A-Za-z0-9_]/.test(rest)) {
      name = '_';
      len = 1;
    } else if (NAME.test(rest)) {
      name = NAME.exec(rest)![0];
      len = name.length;
    } else if (multi && !/^[A-Za-z0-9_$]/.test(rest)) {
      name = '_';
      len = 0;
    } else if (/^[a-z]/.test(rest)) {
      throw new SnippetError(`metavariable names are upper case: write $${multi ? '$$' : ''}${rest.match(/^[A-Za-z0-9_]+/)![0].toUpperCase()}`, i);
    } else {
      throw new SnippetError('a `$` must start a metavariable: $NAME (one node), $$$NAME (zero or more), $_ (one, not captured)', i);
    }
    const anonymous = name === '_';
    const placeholder = anonymous ? `${multi ? MULTI_PREFIX : SINGLE_PREFIX}_${anon++}` : `${multi ? MULTI_PREFIX : SINGLE_PREFIX}${name}`;
    const known = [...vars.values()].find((v) => !anonymous && v.name === name);
    if (known && known.multi !== multi) {
      throw new SnippetError(`$${name} is used both as $${name} and $$$${name}: one name, one kind`, i);
    }
    const metavar: Metavar = known ?? { name, multi, anonymous };
    vars.set(placeholder, metavar);
    spots.push({ metavar, start: i, end: at + len, placeholder });
    out += placeholder;
    i = at + len;
  }
  return { text: out, vars, spots };
}
