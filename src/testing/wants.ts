/**
 * `// want "regexp"` comments of fixture inputs, after golang.org/x/tools/go/analysis/analysistest:
 * each quoted (or back-quoted) regexp on a line expects one diagnostic on that line.
 *
 * `// want:N "regexp"` expects it on line N instead: for lines that cannot hold a comment
 * without changing what they say (a `//go:build` or `// +build` line reads a trailing
 * `// want` as part of its expression).
 */
export interface Want {
  line: number;
  pattern: RegExp;
  raw: string;
}

export function parseWants(source: string): Want[] {
  const wants: Want[] = [];
  const lines = source.split('\n');
  lines.forEach((text, i) => {
    const m0 = /\/\/ want(?::([1-9][0-9]*))? /.exec(text);
    if (!m0) return;
    const line = m0[1] ? Number(m0[1]) : i + 1;
    const rest = text.slice(m0.index + m0[0].length);
    const re = /"((?:[^"\\]|\\.)*)"|`([^`]*)`/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(rest))) {
      const raw = m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : m[2];
      wants.push({ line, pattern: new RegExp(raw), raw });
    }
  });
  return wants;
}

/** Pairs findings with wants one to one; returns what is left unmatched on either side. */
export function matchWants(wants: Want[], findings: { line: number; message: string }[]) {
  const left = [...wants];
  const unexpected: { line: number; message: string }[] = [];
  for (const f of findings) {
    const i = left.findIndex((w) => w.line === f.line && w.pattern.test(f.message));
    if (i >= 0) left.splice(i, 1);
    else unexpected.push(f);
  }
  return { missing: left, unexpected };
}
