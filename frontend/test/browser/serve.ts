// Runs the real backends (the test stack) and the frontend, serving /static/ itself, until
// Ctrl-C: for looking at pages and taking screenshots by hand.
//   npx tsx test/browser/serve.ts [port]
import { createServer } from 'node:http';
import globalSetup from '../stack/global-setup';
import globalTeardown from '../stack/global-teardown';
import { buildShop } from '../shop';

async function main() {
  await globalSetup();
  const shop = buildShop({ settings: { serveStatic: true, trustProxyHops: 0 } });
  const port = Number(process.argv[2] ?? 0);
  const server = createServer(shop.app).listen(port, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`frontend on http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/\n`);
  });
  const stop = async () => {
    server.close();
    await shop.close();
    await globalTeardown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
