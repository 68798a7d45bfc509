import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { describe, it } from 'vitest';

/** Debian's Chromium unless CHROMIUM_PATH points elsewhere; playwright-core downloads no browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser suite: skipped where there is no Chromium, except under CI=true, where a missing browser is a
 * failure rather than a silent skip.
 */
export function describeInChromium(name: string, suite: () => void): void {
  if (!hasChromium() && process.env.CI === 'true') {
    describe(name, () => {
      it('has a Chromium to run on', () => {
        throw new Error(
          `Chromium not found at ${chromiumPath} (set CHROMIUM_PATH); under CI=true this is a failure`,
        );
      });
    });
    return;
  }
  describe.skipIf(!hasChromium())(name, suite);
}

const builtIndex = fileURLToPath(new URL('../dist/web/index.html', import.meta.url));

/** The server serves the built web app: the suites need `npx vite build` (npm test runs it first). */
export function requireBuiltWebApp(): void {
  if (!existsSync(builtIndex)) throw new Error('dist/web/index.html is missing: run `npx vite build` first');
}
