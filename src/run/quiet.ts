/**
 * Directories where no codemod runs: each of the scope's codemods that takes Go files
 * declares needles (a file holding none of them is never given to it: src/engine/engine.ts),
 * and no file of the directory holds any. Most directories of a selective run are such, and
 * their result needs no parser, no gofmt and no codemod code: decoding, generated files,
 * Go versions (for the "go version too old" count) and suppression comments, which the main
 * thread computes itself rather than start a worker for (src/run/dispatch.ts).
 *
 * The check reads bytes, not text: for valid UTF-8 a needle's encoding occurs in the bytes
 * exactly where the needle occurs in the decoded text, and a file that is not valid UTF-8 is
 * never given to a codemod. Context files (read only for package-scoped codemods) do not
 * count: a codemod runs on a package only for an editable file holding a needle.
 */
import type { LoadedCodemod } from '../engine/engine.js';

/** The needles that decide whether any of `codemods` can run on a Go file; undefined: some codemod runs on every Go file. */
export function goNeedles(codemods: readonly LoadedCodemod[]): Buffer[] | undefined {
  const needles = new Set<string>();
  for (const { codemod } of codemods) {
    if (!(codemod.fileKinds ?? ['go']).includes('go')) continue;
    if (!codemod.needles?.length) return undefined;
    for (const n of codemod.needles) needles.add(n);
  }
  return [...needles].map((n) => Buffer.from(n, 'utf8'));
}

/**
 * Whether some codemod can run on a file with these bytes (not a context file, which never
 * decides it): one of `needles` (from goNeedles) is in it, or some codemod has none. The
 * bytes of such files also weigh a directory's work: codemods parse (at most) what they run on.
 */
export function isBusy(bytes: Buffer, needles: readonly Buffer[] | undefined): boolean {
  return !needles || needles.some((n) => bytes.indexOf(n) >= 0);
}
