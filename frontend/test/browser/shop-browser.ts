// One Chromium per test file, a fresh context (cookies, storage) per shopper, every page
// reached through nginx.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launchChromium } from './chromium';
import { readBrowserEnv } from './stack/browser-env';
import type { ShopStackInfo } from './stack/shop-stack';

export interface Shopper {
  context: BrowserContext;
  page: Page;
  /** Console errors, failed requests and CSP refusals seen so far: a working page has none. */
  problems: string[];
}

export interface ShopBrowser {
  stack: ShopStackInfo;
  newShopper(options?: { viewport?: { width: number; height: number }; baseURL?: string; javaScriptEnabled?: boolean }): Promise<Shopper>;
  close(): Promise<void>;
}

export async function openShopBrowser(): Promise<ShopBrowser> {
  const stack = readBrowserEnv();
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    stack,
    async newShopper(options = {}) {
      const context = await browser.newContext({
        baseURL: options.baseURL ?? stack.shopUrl,
        viewport: options.viewport ?? DESKTOP,
        javaScriptEnabled: options.javaScriptEnabled ?? true,
      });
      contexts.push(context);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`script error on ${page.url()}: ${err.message}`));
      page.on('requestfailed', (request) => {
        // Leaving a page cancels what it was still loading (lazy covers): that is no failure.
        const reason = request.failure()?.errorText ?? '';
        if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${reason})`);
      });
      page.setDefaultTimeout(10_000);
      return { context, page, problems };
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
    },
  };
}
