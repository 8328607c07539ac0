import type { ShopStackInfo } from './shop-stack';

/** How global-setup.ts tells the browser test files (jest workers) where the shop runs. */
const VARIABLE = 'BOOKSTORE_BROWSER_TEST_STACK';

export function publishBrowserEnv(info: ShopStackInfo): void {
  process.env[VARIABLE] = JSON.stringify(info);
}

export function readBrowserEnv(): ShopStackInfo {
  const text = process.env[VARIABLE];
  if (!text) throw new Error('frontend/test/browser/stack/global-setup.ts did not run (npx jest -c jest.browser.config.js)');
  return JSON.parse(text) as ShopStackInfo;
}
