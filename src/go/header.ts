/**
 * What can be known of a Go file from its header without parsing it: the package name
 * (first token after comments) and whether it is generated.
 */

/** `^// Code generated .* DO NOT EDIT\.$` on a line before the package clause (go.dev/s/generatedcode). */
const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.\r?$/m;

/** The offset (UTF-16 units) of the package clause: the first token after the leading comments and a BOM. */
export function packageClauseOffset(source: string): number {
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (source.startsWith('//', i)) {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? source.length : nl + 1;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else return i;
  }
  return i;
}

/** The package name, or '' when the file does not start with a package clause. */
export function packageName(source: string): string {
  const at = packageClauseOffset(source);
  const m = /^package[ \t]+([\p{L}_][\p{L}\p{N}_]*)/u.exec(source.slice(at, at + 300));
  return m ? m[1] : '';
}

/** Whether the file is generated: `// Code generated ... DO NOT EDIT.` on a line before the package clause. */
export function isGenerated(source: string): boolean {
  const header = source.slice(0, packageClauseOffset(source));
  return GENERATED.test(header);
}
