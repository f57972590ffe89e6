/**
 * Where a codemod's documentation is, for SARIF's `helpUri`: a codemod of one's own is its
 * file; a built-in, its README in the installed package (shipped with it; SARIF also embeds
 * the README's text as the rule's `help`, which is what GitHub code scanning shows).
 */
import { pathToFileURL } from 'node:url';
import type { ReviewCodemod } from './report.js';

export function codemodHelpUri(c: ReviewCodemod): string | undefined {
  if (c.file) return pathToFileURL(c.file).href;
  if (c.readme) return pathToFileURL(c.readme).href;
  return undefined;
}
