/**
 * The text after `@@ ... @@` in a hunk header: the nearest line above the hunk that names
 * where it is, found as git finds it (xdiff's xemit.c, diff.c's ff_regexp, userdiff.c).
 *
 * Go files use git's `golang` diff driver (userdiff.c):
 *   ^[ \t]*(func[ \t]*.*(\{[ \t]*)?)
 *   ^[ \t]*(type[ \t].*(struct|interface)[ \t]*(\{[ \t]*)?)
 * the first that matches wins and its first group is the text. Other files (go.mod, go.work)
 * use git's default rule: a line starting with a letter, `_` or `$`. Either way the text is
 * cut to 80 bytes and its trailing white space dropped, as git does. (Where git would cut a
 * multi-byte character in two, the whole character is dropped instead.)
 */

export type FuncnameRule = (line: string) => string | undefined;

const GOLANG: readonly RegExp[] = [/^[ \t]*(func[ \t]*.*(\{[ \t]*)?)/, /^[ \t]*(type[ \t].*(struct|interface)[ \t]*(\{[ \t]*)?)/];

/** xemit.c keeps the function line in a buffer of 80 bytes. */
const MAX_BYTES = 80;

// TextEncoder and TextDecoder, not Buffer: the playground page builds diffs in a browser.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function cut(text: string): string {
  let bytes = encoder.encode(text);
  if (bytes.length > MAX_BYTES) {
    let end = MAX_BYTES;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // never split a character
    bytes = bytes.subarray(0, end);
  }
  // isspace() in C: space, \t, \n, \v, \f, \r.
  return decoder.decode(bytes).replace(/[ \t\n\v\f\r]+$/, '');
}

const golang: FuncnameRule = (line) => {
  for (const re of GOLANG) {
    const m = re.exec(line);
    if (m) return cut(m[1] ?? m[0]);
  }
  return undefined;
};

const gitDefault: FuncnameRule = (line) => (/^[A-Za-z_$]/.test(line) ? cut(line) : undefined);

/** The rule for a path: git's golang driver for `.go` files, git's default for the rest. */
export function funcnameRule(path: string): FuncnameRule {
  return path.endsWith('.go') ? golang : gitDefault;
}

/**
 * Finds the function line of each hunk of one file, in order, as xdl_emit_diff does: from
 * the line above the hunk's first line up to where the previous search started; if nothing
 * matches there, the previous hunk's function line still holds.
 */
export class FuncnameFinder {
  private searchedDownTo = -1;
  private current = '';

  /** `lines`: the old side's lines without their '\n' (a '\r' before it is ignored). */
  constructor(
    private readonly lines: readonly string[],
    private readonly rule: FuncnameRule,
    private readonly lastHasNewline: boolean,
  ) {}

  /** `first`: 0-based index of the hunk's first line in the old side. */
  at(first: number): string {
    for (let l = first - 1; l > this.searchedDownTo && l >= 0; l--) {
      let line = this.lines[l];
      // ff_regexp leaves out the line's "\n" or "\r\n".
      if ((l < this.lines.length - 1 || this.lastHasNewline) && line.endsWith('\r')) line = line.slice(0, -1);
      const found = this.rule(line);
      if (found !== undefined) {
        this.current = found;
        break;
      }
    }
    this.searchedDownTo = first - 1;
    return this.current;
  }
}
