import net from 'node:net';
import { buildShop, type TestShop } from './shop';
import { parseHtml, textOf, textsOf } from './html';
import { backendApi } from './stack/fixtures';

/**
 * Redis away: the catalog, book pages and search still render from backend-rds, without a
 * hang. Two kinds of away: a backend-redis whose Redis is gone (it answers 503 at once) and
 * a backend-redis that accepts connections and never answers (a hung host).
 */
let down: TestShop;
let hung: TestShop;
let blackHole: net.Server;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  blackHole = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  const { port } = blackHole.address() as net.AddressInfo;
  down = buildShop({ redisDown: true });
  hung = buildShop({ redisUrl: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await Promise.all([down.close(), hung.close()]);
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => blackHole.close(resolve));
});

test.each(['down', 'hung'])('with Redis %s the home page shows the bestsellers from backend-rds', async (kind) => {
  const shop = kind === 'down' ? down : hung;
  const $ = parseHtml((await shop.request.get('/').expect(200)).text);
  expect(textsOf($, '[aria-labelledby="bestsellers"] .book-card__title')[0]).toBe(shop.stack.fixtures.bestseller.title);
});

test.each(['down', 'hung'])('with Redis %s book pages, the catalog and search render', async (kind) => {
  const shop = kind === 'down' ? down : hung;
  const book = parseHtml((await shop.request.get('/books/pride-and-prejudice').expect(200)).text);
  expect(textOf(book, 'h1')).toBe('Pride and Prejudice');
  await shop.request.get('/books?sort=newest').expect(200);
  await shop.request.get('/genres/classics').expect(200);
  const search = parseHtml((await shop.request.get('/search?q=jane+austin').expect(200)).text);
  expect(textsOf(search, '.search-hit__title').length).toBeGreaterThan(0);
  // A visitor with a session cookie is served as a guest rather than kept waiting.
  await shop.request.get('/').set('Cookie', `bookstore_session=${'B'.repeat(43)}`).expect(200);
});

test('an empty fast copy of the bestsellers is refilled from backend-rds', async () => {
  const shop = buildShop();
  try {
    const redis = backendApi(shop.stack.redisUrl, shop.stack.serviceToken);
    await shop.request.get('/').expect(200);
    let ranking: { items: { bookId: number }[] } = { items: [] };
    for (let i = 0; i < 100 && ranking.items.length === 0; i++) {
      ranking = await redis('GET', '/bestsellers?window=7d&limit=5');
      if (ranking.items.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(ranking.items[0]?.bookId).toBe(shop.stack.fixtures.bestseller.id);
  } finally {
    await shop.close();
  }
});
