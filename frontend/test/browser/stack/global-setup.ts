import { publishBrowserEnv } from './browser-env';
import { startShopStack, type ShopStack } from './shop-stack';

declare global {
  var bookstoreBrowserStack: ShopStack | undefined;
}

/** Once per browser-test run: the whole shop behind nginx (stack/shop-stack.ts). */
export default async function globalSetup(): Promise<void> {
  const stack = await startShopStack({ name: 'browser' });
  globalThis.bookstoreBrowserStack = stack;
  const { stop: _stop, processes: _processes, ...info } = stack;
  publishBrowserEnv(info);
}
