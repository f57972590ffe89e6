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
import type { DirInput } from './dir-inputs.js';

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
 * The bytes of the inputs some codemod can run on: those holding one of `needles` (from
 * goNeedles; with undefined, every file). 0: no codemod runs in the directory. It also weighs
 * a directory's work, since codemods parse (at most) the files they run on.
 */
export function busyBytes(inputs: readonly DirInput[], needles: readonly Buffer[] | undefined): number {
  let busy = 0;
  for (const input of inputs) {
    if (input.context || !input.bytes) continue;
    if (!needles) {
      busy += input.bytes.length;
      continue;
    }
    const bytes = Buffer.isBuffer(input.bytes) ? input.bytes : Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    if (needles.some((n) => bytes.indexOf(n) >= 0)) busy += bytes.length;
  }
  return busy;
}
