import { chromium, type Browser } from 'playwright-core';
import { findChromium, howToGetChromium } from '../setup/chromium';

/**
 * Chromium driven by playwright-core: CHROMIUM_PATH, or one on PATH (Debian's `chromium`, which
 * `npm test` installs when it runs as root with apt-get). Without one, the test fails saying how
 * to get it, or how to leave the browser test out.
 */
export async function launchChromium(): Promise<Browser> {
  const found = findChromium();
  if (!found.found) throw new Error(howToGetChromium());
  return chromium.launch({
    executablePath: found.path,
    args: [
      '--headless',
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
