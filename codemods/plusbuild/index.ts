/**
 * plusbuild: deletes `// +build` lines from files that have a `//go:build` line, after
 * golang.org/x/tools/go/analysis/passes/modernize/plusbuild.go. From Go 1.17 the go command
 * reads the //go:build line and ignores +build lines when it is there; they were kept only
 * for Go 1.16 and older.
 *
 *     //go:build linux && amd64          //go:build linux && amd64
 *     // +build linux,amd64         ⇒
 *                                        package p
 *     package p
 *
 * Gated on the module's go line, not the file's version: in a module at go 1.16, Go 1.16 may
 * build the module and reads only +build lines, even in a file whose //go:build line says
 * go1.18. A file without a //go:build line keeps its +build lines (they are its only
 * constraint), as does one whose //go:build line the go command rejects.
 */
import { buildConstraints, compareGoVersions, defineCodemod, deleteLines } from 'gocodemod';

/** The first Go that reads //go:build lines (and ignores +build lines beside one). */
const GO_BUILD_SINCE = '1.17';

export default defineCodemod({
  name: 'plusbuild',
  description: 'Delete `// +build` lines where a `//go:build` line decides (Go 1.17).',
  needles: ['+build'],
  minGo: GO_BUILD_SINCE,
  run(ctx) {
    const file = ctx.file;
    const moduleGo = file.moduleGoVersion ?? file.goVersion;
    if (moduleGo !== undefined && compareGoVersions(moduleGo, GO_BUILD_SINCE) < 0) return;
    const c = buildConstraints(file.source);
    if (c.goBuild.length !== 1 || c.problem || c.plusBuild.length === 0) return;
    const first = c.plusBuild[0];
    const n = c.plusBuild.length;
    ctx.report({
      start: first.start,
      end: first.end,
      message: `${n === 1 ? '+build line is' : `${n} +build lines are`} no longer needed: the //go:build line decides from Go 1.17 on`,
      fixes: [
        {
          message: `Remove the obsolete +build line${n === 1 ? '' : 's'}`,
          edits: deleteLines(
            file.source,
            c.plusBuild.map((l) => l.start),
          ),
        },
      ],
    });
  },
});
