import net from 'node:net';
import { buildShop, type TestShop } from './shop';
import { csrfToken, parseHtml, textOf } from './html';

/**
 * Redis away (backend-redis answers 503, or a host that never answers): the cart, sign-in,
 * registration and checkout answer the basket's own 503 page, while the catalog renders.
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
  down = buildShop({ redisDown: true });
  hung = buildShop({ redisUrl: `http://127.0.0.1:${(blackHole.address() as net.AddressInfo).port}` });
});
afterAll(async () => {
  await Promise.all([down.close(), hung.close()]);
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => blackHole.close(resolve));
});

const MESSAGE = /^Our basket and sign-in are unavailable right now/;

function expectBasketPage(res: { status: number; text: string; headers: Record<string, unknown> }) {
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBeDefined();
  const $ = parseHtml(res.text);
  expect(textOf($, '.notice__message')).toMatch(MESSAGE);
  expect($('[data-request-id]').length).toBe(1);
}

describe.each(['down', 'hung'])('with Redis %s', (kind) => {
  const shop = () => (kind === 'down' ? down : hung);

  test.each(['/cart', '/sign-in', '/register', '/checkout', '/account'])('GET %s is the basket\'s 503 page', async (url) => {
    expectBasketPage(await shop().request.get(url));
    // A visitor whose session cannot be read gets the same.
    expectBasketPage(await shop().request.get(url).set('Cookie', `bookstore_session=${'C'.repeat(43)}`));
  });

  test('adding to the cart and signing in from the (still working) book page are the basket\'s 503 page', async () => {
    const agent = shop().browser();
    const page = await agent.get('/books/pride-and-prejudice').expect(200);
    const token = csrfToken(parseHtml(page.text), 'form[action="/cart/items"]');
    expectBasketPage(await agent.post('/cart/items').type('form').send({ _csrf: token, bookId: '1', quantity: '1' }));
    expectBasketPage(await agent.post('/sign-in').type('form').send({ _csrf: token, email: 'a@b.example', password: 'long-enough-pw' }));
    expectBasketPage(await agent.post('/register').type('form').send({ _csrf: token, name: 'A', email: 'a@b.example', password: 'long-enough-pw' }));
  });
});
