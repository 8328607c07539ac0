// Screenshots of the key pages at desktop and phone width, with Debian's Chromium through
// playwright-core (no browser download). Writes frontend/test/.screenshots/<page>-<width>.png.
//   npx tsx test/browser/screenshots.ts http://127.0.0.1:8080 [slug]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const SCREENSHOT_DIR = path.join(__dirname, '..', '.screenshots');

async function main() {
  const base = process.argv[2] ?? 'http://127.0.0.1:8080';
  const book = process.argv[3] ?? 'pride-and-prejudice';
  const pages: Record<string, string> = {
    home: '/',
    catalog: '/books?sort=price-asc&page=2',
    genre: '/genres/classics?inStock=1',
    'catalog-error': '/books?min=20&max=5',
    book: `/books/${book}`,
    author: '/authors/jane-austen',
    search: '/search?q=pride+and+prejudise',
    'search-none': '/search?q=zzqxj',
    'not-found': '/books/no-such-book',
  };
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (const [width, height] of [[1280, 900], [375, 812]] as const) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`);
      });
      for (const [name, url] of Object.entries(pages)) {
        await page.goto(new URL(url, base).toString(), { waitUntil: 'networkidle' });
        // Lazy covers below the fold load only when scrolled to: load them all for the picture.
        await page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach((img) => img.setAttribute('loading', 'eager'))");
        await page.waitForLoadState('networkidle');
        const file = path.join(SCREENSHOT_DIR, `${name}-${width}.png`);
        const fullHeight = await page.evaluate<number>('document.documentElement.scrollHeight');
        // Phone pictures stop at 1,800 px so they stay readable; desktop ones show the whole page.
        const clipHeight = width < 600 ? Math.min(fullHeight, 1800) : fullHeight;
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: clipHeight } });
        process.stdout.write(`${file}\n`);
      }
      if (problems.length) process.stdout.write(`console errors:\n  ${problems.join('\n  ')}\n`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

void main();
