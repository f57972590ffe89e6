/**
 * A real browser for tests: Debian's `chromium` (or $GOCODEMOD_CHROMIUM), driven by
 * playwright-core, whose own browser downloads are not used. Where it is missing, the tests
 * that need it are skipped with a message, except under GOCODEMOD_REQUIRE_CHROMIUM=1 (set by
 * .ci/run): then a missing browser is a failure, so CI can never pass by skipping them.
 */
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.GOCODEMOD_CHROMIUM ?? '/usr/bin/chromium';

export function haveChromium(): boolean {
  const ok = existsSync(chromiumPath);
  if (!ok && process.env.GOCODEMOD_REQUIRE_CHROMIUM === '1') {
    throw new Error(`GOCODEMOD_REQUIRE_CHROMIUM=1 but there is no browser at ${chromiumPath} (apt-get install chromium, or set GOCODEMOD_CHROMIUM)`);
  }
  if (!ok) console.warn(`no browser at ${chromiumPath}: skipping the tests of the playground page in a browser (apt-get install chromium, or set GOCODEMOD_CHROMIUM)`);
  return ok;
}
