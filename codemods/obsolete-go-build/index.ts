/**
 * obsolete-go-build: in a module whose go line is 1.N, the release tags go1.1 ... go1.N are
 * set by every Go that may build it, so `//go:build` terms on them are always true. The line
 * is simplified (the term dropped, the constants folded), and dropped when nothing is left.
 *
 *     //go:build go1.18                  ⇒   (line dropped)
 *     //go:build go1.18 && linux         ⇒   //go:build linux
 *     //go:build !go1.18 || purego       ⇒   //go:build purego
 *
 * A file whose constraint no Go from 1.N on satisfies (`//go:build !go1.18` in a go 1.22
 * module) is dead: it is reported, never deleted. `// +build` lines stay consistent with the
 * //go:build line, as gofmt and `go vet` (buildtag) require: in modules at go 1.17 or later
 * they are deleted (with exactly plusbuild's edits: Go 1.17+ reads only the //go:build line);
 * in older modules they are rewritten from the new expression (constraint.PlusBuildLines).
 */
import {
  buildConstraints,
  compareGoVersions,
  constraintSatisfiableFrom,
  constraintString,
  constraintTags,
  defineCodemod,
  deleteLines,
  fileLanguageVersion,
  maxGoVersion,
  constraintGoVersion,
  parseConstraint,
  parseGoVersion,
  plusBuildLines,
  releaseTagMinor,
  simplifyConstraint,
  type BuildConstraints,
  type ConstraintExpr,
  type ConstraintLine,
  type Edit,
  type SourceFile,
} from 'gocodemod';

/** From this Go on, the go command reads //go:build lines and ignores +build lines beside one. */
const GO_BUILD_SINCE = '1.17';

export default defineCodemod({
  name: 'obsolete-go-build',
  description: "Simplify //go:build go1.N terms the module's go line makes always true; report files it makes dead.",
  needles: ['go1.'],
  run(ctx) {
    const file = ctx.file;
    const moduleGo = file.moduleGoVersion;
    const v = moduleGo === undefined ? undefined : parseGoVersion(moduleGo);
    if (!moduleGo || !v || v.major !== '1') return;
    const minor = Number(v.minor);
    const c = buildConstraints(file.source);
    if (c.goBuild.length !== 1 || c.problem || !c.expr) return;
    const line = c.goBuild[0];
    const expr = c.expr;
    const obsolete = constraintTags(expr).filter((t) => (releaseTagMinor(t) ?? Infinity) <= minor);
    if (obsolete.length === 0) return;
    const terms = `${obsolete.join(', ')} ${obsolete.length === 1 ? 'is' : 'are'} always true at go ${moduleGo} (the module's go line)`;
    const at = { start: line.start, end: line.end };

    // Dead: no Go the module allows builds the file, though an older one would.
    if (constraintSatisfiableFrom(expr, moduleGo) === false) {
      if (constraintSatisfiableFrom(expr, '1.0') === true) {
        ctx.report({ ...at, message: `dead file: no Go from ${moduleGo} (the module's go line) on satisfies ${line.text}; delete the file or fix the line` });
      }
      return;
    }
    const simplified = simplifyConstraint(expr, (t) => ((releaseTagMinor(t) ?? Infinity) <= minor ? true : undefined));
    if (simplified === false) return; // unreachable: satisfiable from moduleGo on
    // go/types compiles a file with a go1.N constraint at Go 1.21 at least: in a module older
    // than that, dropping the last version term would lower the file's language version
    // (and what compiled as Go 1.21, min and max included, might not as Go 1.20).
    const langBefore = fileLanguageVersion(file.source, moduleGo)!;
    const langAfter = simplified === true ? moduleGo : languageOf(simplified, moduleGo);
    if (compareGoVersions(langAfter, langBefore) < 0) {
      ctx.report({
        ...at,
        message: `${terms}, but without it the file's language version would drop from go ${langBefore} to go ${langAfter}: raise the module's go line to ${langBefore} or later first`,
      });
      return;
    }
    const change = plan(file, c, line, simplified, moduleGo);
    if ('problem' in change) {
      ctx.report({ ...at, message: `${terms}, but ${change.problem}` });
      return;
    }
    const what = simplified === true ? 'the line can go' : `it is //go:build ${constraintString(simplified)}`;
    const moves = compareGoVersions(langBefore, langAfter) !== 0 ? `; the file's language version moves from go ${langBefore} to go ${langAfter}` : '';
    ctx.report({
      ...at,
      message: `${terms}: ${what}${moves}`,
      fixes: [{ message: simplified === true ? `Remove ${line.text}` : `Simplify to //go:build ${constraintString(simplified)}`, edits: change.edits }],
    });
  },
});

/** The language version go/types gives a file with this //go:build expression (see fileLanguageVersion). */
function languageOf(x: ConstraintExpr, moduleGo: string): string {
  const v = constraintGoVersion(x);
  return v === undefined ? moduleGo : maxGoVersion(v, '1.21')!;
}

/**
 * The edits: the //go:build line replaced (or deleted, with a blank line left dangling), and
 * the +build lines deleted (module at go 1.17+) or rewritten from the new expression.
 */
function plan(file: SourceFile, c: BuildConstraints, line: ConstraintLine, simplified: ConstraintExpr | true, moduleGo: string): { edits: Edit[] } | { problem: string } {
  const src = file.source;
  const plus = c.plusBuild;
  if (simplified === true) return { edits: deleteLines(src, [line.start, ...plus.map((l) => l.start)]) };
  const edits: Edit[] = [{ start: line.start, end: line.end, text: `//go:build ${constraintString(simplified)}` }];
  if (plus.length === 0) return { edits };
  if (compareGoVersions(moduleGo, GO_BUILD_SINCE) >= 0) {
    // What plusbuild does, edit for edit: when both run, the engine applies them once.
    return { edits: [...edits, ...deleteLines(src, plus.map((l) => l.start))] };
  }
  // Go 1.16 and older read the +build lines: they must say what the new line says, and
  // must have said what the old one did (else rewriting them changes what those Go build).
  if (!plusLinesMatch(c)) return { problem: 'the +build lines do not match the //go:build line (go vet buildtag): fix them first' };
  const lines = plusBuildLines(simplified);
  if (!lines) return { problem: `${constraintString(simplified)} cannot be written as +build lines` };
  const eol = src.slice(plus[0].end, plus[0].lineEnd).startsWith('\r') ? '\r\n' : '\n';
  edits.push({ start: plus[0].start, end: plus[0].end, text: lines.join(eol) });
  edits.push(...deleteLines(src, plus.slice(1).map((l) => l.start)));
  return { edits };
}

/** go vet's buildtag check: the +build lines, ANDed, print as PlusBuildLines of the //go:build line do. */
function plusLinesMatch(c: BuildConstraints): boolean {
  const want = plusBuildLines(c.expr!);
  if (!want) return false;
  const and = (lines: string[]) => {
    let x: ConstraintExpr | undefined;
    for (const l of lines) {
      const p = parseConstraint(l);
      if (!p.ok) return undefined;
      x = x ? { op: 'and', x, y: p.expr } : p.expr;
    }
    return x && constraintString(x);
  };
  const have = and(c.plusBuild.map((l) => l.text));
  return have !== undefined && have === and(want);
}
