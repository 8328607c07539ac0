// Each key page at desktop and phone width, as shoppers see it: the test artifacts in
// frontend/test/browser/.artifacts/screenshots/<name>-<width>.png (look at them).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './stack/processes';
import { DESKTOP, PHONE } from './chromium';

export const SCREENSHOT_DIR = path.join(ARTIFACTS_DIR, 'screenshots');
/** Phone pictures stop here so they stay readable; desktop ones show the whole page. */
const PHONE_MAX_HEIGHT = 2400;

async function allImagesLoaded(page: Page): Promise<void> {
  // Lazy covers below the fold load only when scrolled to: load them all for the picture.
  await page.evaluate(() => document.querySelectorAll('img[loading="lazy"]').forEach((img) => img.setAttribute('loading', 'eager')));
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
}

/** Screenshots the page as it is now at both widths, and leaves it at the width it had. */
export async function screenshotPage(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  const files: string[] = [];
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await allImagesLoaded(page);
    // From the top, as the page opens: a sticky panel is then where a shopper first sees it.
    await page.evaluate(() => window.scrollTo(0, 0));
    const fullHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    const height = size.width < 600 ? Math.min(fullHeight, PHONE_MAX_HEIGHT) : fullHeight;
    const file = path.join(SCREENSHOT_DIR, `${name}-${size.width}.png`);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: size.width, height }, animations: 'disabled', caret: 'initial' });
    files.push(file);
  }
  await page.setViewportSize(original);
  return files;
}
