// The whole shop behind nginx (the browser tests' stack) until Ctrl-C: for looking at pages
// by hand.   npx tsx test/browser/serve.ts
import { startShopStack } from './stack/shop-stack';

async function main() {
  const stack = await startShopStack({ name: 'serve' });
  process.stdout.write(`the shop: ${stack.shopUrl}/  (logs in test/browser/.artifacts/logs/)\n`);
  const stop = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
