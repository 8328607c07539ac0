import { buildShop, type TestShop } from './shop';
import { errorSummary, field, parseHtml, textOf } from './html';
import { addToCart, backends, newAccount, openForm, register, sessionIdOf, shopper, signIn, type Account, type Agent } from './shopper';

let shop: TestShop;
let api: ReturnType<typeof backends>;
beforeAll(() => {
  shop = buildShop();
  api = backends(shop);
});
afterAll(() => shop.close());

const signOut = async (agent: Agent) => {
  const { token } = await openForm(agent, '/account', 'form[action="/sign-out"]');
  await agent.post('/sign-out').type('form').send({ _csrf: token }).expect(303).expect('Location', '/');
};

const bookId = async (slug: string) => (await api.rds<{ id: number }>('GET', `/books/${slug}`)).id;

describe('register, sign in, sign out', () => {
  test('registering signs the shopper in: the account page and the header say who they are', async () => {
    const agent = shopper(shop);
    const { account, location } = await register(agent, newAccount('Dora Reader'));
    expect(location).toBe('/account');
    const $ = parseHtml((await agent.get('/account').expect(200)).text);
    expect(textOf($, '[data-account-name]')).toBe('Dora Reader');
    expect(textOf($, '[data-account-email]')).toBe(account.email);
    expect(textOf($, '.site-nav a[href="/account"]')).toBe('Dora Reader');
    expect($('[data-no-orders]').length).toBe(1);
  });

  test('signing in gives the session a new id: the guest id is worthless from then on', async () => {
    const account = newAccount();
    await register(shopper(shop), account);
    const agent = shopper(shop);
    await addToCart(agent, 'pride-and-prejudice', 1);
    const guestId = sessionIdOf(agent);
    const res = await signIn(agent, account);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account');
    const signedInId = sessionIdOf(agent);
    expect(signedInId).not.toBe(guestId);
    await expect(api.redis('GET', `/sessions/${guestId}`)).rejects.toThrow(/404/);
    // The old cookie now buys nothing: a visitor presenting it is a guest.
    const stale = await shop.request.get('/account').set('Cookie', `bookstore_session=${guestId}`).expect(303);
    expect(stale.headers.location).toBe('/sign-in?returnTo=%2Faccount');
  });

  test('a wrong password: the form again (422), e-mail kept, password never sent back', async () => {
    const account = newAccount();
    await register(shopper(shop), account);
    const res = await signIn(shopper(shop), { email: account.email, password: 'not the password at all' });
    expect(res.status).toBe(422);
    const $ = parseHtml(res.text);
    expect($('title').text()).toBe('Error: Sign in | Bookstore');
    expect(errorSummary($)).toEqual([{ href: '#email', text: 'The e-mail address or password is incorrect' }]);
    expect(field($, 'email')).toMatchObject({ value: account.email, invalid: true });
    expect(field($, 'password').value).toBe('');
    expect(res.text).not.toContain('not the password at all');
  });

  test('an unknown e-mail gets the same answer as a wrong password', async () => {
    const res = await signIn(shopper(shop), { email: 'nobody-here@shopper.example', password: 'whatever-password' });
    expect(res.status).toBe(422);
    expect(errorSummary(parseHtml(res.text))).toEqual([{ href: '#email', text: 'The e-mail address or password is incorrect' }]);
  });

  test('signing out (a POST with its token) ends the session', async () => {
    const agent = shopper(shop);
    await register(agent);
    const before = sessionIdOf(agent);
    await signOut(agent);
    await expect(api.redis('GET', `/sessions/${before}`)).rejects.toThrow(/404/);
    const $ = parseHtml((await agent.get('/').expect(200)).text);
    expect($('.site-nav a[href="/sign-in"]').length).toBe(1);
    await agent.get('/account').expect(303).expect('Location', '/sign-in?returnTo=%2Faccount');
  });

  test('a signed-in shopper asking for the sign-in page goes to the account (or where they were going)', async () => {
    const agent = shopper(shop);
    await register(agent);
    await agent.get('/sign-in').expect(303).expect('Location', '/account');
    await agent.get('/register?returnTo=%2Fcart').expect(303).expect('Location', '/cart');
  });

  test('an e-mail that has an account already: the form again saying so', async () => {
    const account = newAccount();
    await register(shopper(shop), account);
    const agent = shopper(shop);
    const { token } = await openForm(agent, '/register');
    const res = await agent.post('/register').type('form').send({ _csrf: token, ...account, email: account.email.toUpperCase() }).expect(422);
    const $ = parseHtml(res.text);
    expect(errorSummary($)).toEqual([{ href: '#email', text: 'An account with this e-mail address already exists: sign in instead' }]);
    expect(field($, 'name').value).toBe(account.name);
    expect(field($, 'password').value).toBe('');
  });
});

describe('returnTo: only paths on this shop', () => {
  test.each([
    ['/checkout', '/checkout'],
    ['/books?sort=newest', '/books?sort=newest'],
    ['//evil.example/steal', '/account'],
    ['/\\evil.example', '/account'],
    ['https://evil.example/', '/account'],
    ['javascript:alert(1)', '/account'],
    ['/%0d%0aSet-Cookie:x=1', '/%0d%0aSet-Cookie:x=1'],
    ['/\u0000', '/account'],
  ])('returnTo=%s → %s', async (returnTo, expected) => {
    const account = newAccount();
    await register(shopper(shop), account);
    const agent = shopper(shop);
    const { $, token } = await openForm(agent, `/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    const hidden = $('input[name="returnTo"]').attr('value');
    expect(hidden).toBe(expected === '/account' ? undefined : expected);
    const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email: account.email, password: account.password, returnTo }).expect(303);
    expect(res.headers.location).toBe(expected);
  });
});

describe('the guest cart is merged into the account exactly once', () => {
  test('at sign-in: quantities add up, and signing in again adds nothing', async () => {
    const account = newAccount();
    const [pride, other] = [await bookId('pride-and-prejudice'), shop.stack.fixtures.alsoBought.id];
    // The account already holds one copy.
    const owner = shopper(shop);
    await register(owner, account);
    await addToCart(owner, 'pride-and-prejudice', 1);
    await signOut(owner);

    const guest = shopper(shop);
    await addToCart(guest, 'pride-and-prejudice', 2);
    await addToCart(guest, shop.stack.fixtures.alsoBought.slug, 1);
    expect((await signIn(guest, account)).status).toBe(303);
    const userId = await api.userId(account);
    expect((await api.userCart(userId)).items).toEqual([
      { bookId: Math.min(pride, other), quantity: pride < other ? 3 : 1 },
      { bookId: Math.max(pride, other), quantity: pride < other ? 1 : 3 },
    ]);
    const $ = parseHtml((await guest.get('/cart').expect(200)).text);
    expect(field($, `quantity-${pride}`).value).toBe('3');
    expect(textOf($, '[data-cart-count]')).toBe('4 books');

    await signOut(guest);
    expect((await signIn(guest, account)).status).toBe(303);
    expect((await api.userCart(userId)).totalQuantity).toBe(4);
  });

  test('a double-clicked sign-in (two at once, one guest session) merges once', async () => {
    const account = newAccount();
    await register(shopper(shop), account);
    const guest = shopper(shop);
    await addToCart(guest, 'pride-and-prejudice', 2);
    const { token } = await openForm(guest, '/sign-in');
    const cookie = `bookstore_session=${sessionIdOf(guest)}; bookstore_csrf=${guest.jar.getCookie('bookstore_csrf', { domain: '127.0.0.1', path: '/', secure: false, script: false })!.value}`;
    const post = () =>
      shop.request.post('/sign-in').set('Cookie', cookie).set('X-Forwarded-For', '10.200.0.1').type('form').send({ _csrf: token, email: account.email, password: account.password });
    const results = await Promise.all([post(), post(), post()]);
    expect(results.map((r) => r.status)).toEqual([303, 303, 303]);
    expect((await api.userCart(await api.userId(account))).totalQuantity).toBe(2);
  });

  test('at registration', async () => {
    const guest = shopper(shop);
    await addToCart(guest, 'pride-and-prejudice', 2);
    const { account } = await register(guest);
    expect((await api.userCart(await api.userId(account))).items).toEqual([{ bookId: await bookId('pride-and-prejudice'), quantity: 2 }]);
  });
});

describe('bad input never gives a 500', () => {
  const valid = (): Account => newAccount();
  test.each<[string, (a: Account) => Record<string, unknown>, Record<string, string>]>([
    ['nothing at all', () => ({}), { name: 'Enter your name', email: 'Enter your e-mail address', password: 'Enter a password' }],
    ['an e-mail that is not one', (a) => ({ ...a, email: 'not-an-email' }), { email: 'Enter an e-mail address in the right format, like name@example.com' }],
    ['a short password', (a) => ({ ...a, password: 'short' }), { password: 'Enter a password of at least 10 characters' }],
    ['a NUL byte in the name', (a) => ({ ...a, name: 'Eve\u0000' }), { name: 'Remove the unusual characters' }],
    ['arrays for every field', (a) => ({ name: [a.name, a.name], email: [a.email, a.email], password: [a.password, 'x'] }), { name: 'Enter your name', email: 'Enter your e-mail address', password: 'Enter a password' }],
    ['a huge name', (a) => ({ ...a, name: 'N'.repeat(5000) }), { name: 'Enter a name of at most 100 characters' }],
  ])('registering with %s: the error summary, each message at its field', async (_what, body, expected) => {
    const agent = shopper(shop);
    const { token } = await openForm(agent, '/register');
    const account = valid();
    const res = await agent.post('/register').type('form').send({ _csrf: token, ...body(account) }).expect(422);
    const $ = parseHtml(res.text);
    expect($('title').text()).toBe('Error: Create an account | Bookstore');
    expect(errorSummary($)).toEqual(Object.entries(expected).map(([id, text]) => ({ href: `#${id}`, text })));
    for (const [id, text] of Object.entries(expected)) expect(field($, id)).toMatchObject({ invalid: true, error: text });
  });

  test.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['nothing at all', {}, { email: 'Enter your e-mail address', password: 'Enter your password' }],
    ['arrays', { email: ['a@b.example', 'c@d.example'], password: ['x', 'y'] }, { email: 'Enter your e-mail address', password: 'Enter your password' }],
    ['a NUL byte', { email: 'a\u0000@b.example', password: 'a-password-1' }, { email: 'Remove the unusual characters' }],
    ['a huge e-mail', { email: `${'a'.repeat(300)}@b.example`, password: 'a-password-1' }, { email: 'Enter an e-mail address of at most 254 characters' }],
  ])('signing in with %s: the error summary, each message at its field', async (_what, body, expected) => {
    const agent = shopper(shop);
    const { token } = await openForm(agent, '/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf: token, ...body }).expect(422);
    const $ = parseHtml(res.text);
    expect($('title').text()).toBe('Error: Sign in | Bookstore');
    expect(errorSummary($)).toEqual(Object.entries(expected).map(([id, text]) => ({ href: `#${id}`, text })));
  });
});

describe('rate limits (backend-redis: sign-in 5 a minute, registration 3 an hour)', () => {
  test('per account: the sixth sign-in for one e-mail within the minute is refused, from any address', async () => {
    const account = newAccount();
    await register(shopper(shop), account);
    for (let i = 0; i < 5; i++) expect((await signIn(shopper(shop), { email: account.email, password: 'wrong-password-here' })).status).toBe(422);
    const res = await signIn(shopper(shop), account);
    expect(res.status).toBe(429);
    const seconds = Number(res.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    const $ = parseHtml(res.text);
    expect(errorSummary($)).toEqual([{ href: '#email', text: `Too many attempts: try again in ${seconds} seconds` }]);
    expect(field($, 'email').value).toBe(account.email);
    expect($('title').text()).toBe('Error: Sign in | Bookstore');
  });

  test('per address: the sixth sign-in from one address within the minute is refused, whatever the e-mail', async () => {
    const agent = shopper(shop);
    for (let i = 0; i < 5; i++) expect((await signIn(agent, newAccount())).status).toBe(422);
    const res = await signIn(agent, newAccount());
    expect(res.status).toBe(429);
    expect(textOf(parseHtml(res.text), '[data-error-summary] li')).toMatch(/^Too many attempts: try again in \d+ seconds?$/);
  });

  test('a successful sign-in forgets the account\'s failed attempts', async () => {
    const account = newAccount();
    await register(shopper(shop), account);
    for (let i = 0; i < 4; i++) await signIn(shopper(shop), { email: account.email, password: 'wrong-password-here' });
    expect((await signIn(shopper(shop), account)).status).toBe(303);
    for (let i = 0; i < 4; i++) expect((await signIn(shopper(shop), { email: account.email, password: 'wrong-password-here' })).status).toBe(422);
  });

  test('the fourth registration from one address within the hour is refused', async () => {
    const address = `10.201.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const from = () => shop.browser().set('X-Forwarded-For', address);
    for (let i = 0; i < 3; i++) await register(from());
    const agent = from();
    const { token } = await openForm(agent, '/register');
    const account = newAccount();
    const res = await agent.post('/register').type('form').send({ _csrf: token, ...account }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(errorSummary(parseHtml(res.text))[0]?.text).toMatch(/^Too many attempts: try again in \d+ seconds?$/);
    await expect(api.userId(account)).rejects.toThrow(/401/);
  });
});

describe('CSRF', () => {
  test.each(['/sign-in', '/register', '/sign-out'])('%s refuses a post without its token or with a wrong one (403 page)', async (url) => {
    const agent = shopper(shop);
    const { token } = await openForm(agent, '/sign-in');
    const account = newAccount();
    for (const sent of [undefined, `${token.slice(0, -2)}${token.endsWith("00") ? "11" : "00"}`]) {
      const res = await agent.post(url).type('form').send({ ...account, ...(sent && { _csrf: sent }) }).expect(403);
      expect(textOf(parseHtml(res.text), 'h1')).toBe('That is not allowed');
    }
    await expect(api.userId(account)).rejects.toThrow(/401/);
  });
});
