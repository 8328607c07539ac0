import { signedInAdmin, signedInCustomer } from './admin-accounts';
import { buildDiagnosticsShop, type DiagnosticsShop } from './diagnostics-shop';
import type { Agent } from './shopper';

/** DIAGNOSTICS_ACCESS: public (everyone), admin (admins; a guest is sent to sign in), off (404). */
const URLS = ['/diagnostics', '/diagnostics.json', '/test_rds/', '/test_redis'];

let adminOnly: DiagnosticsShop;
let off: DiagnosticsShop;
let admin: Agent;
let customer: Agent;
beforeAll(async () => {
  adminOnly = buildDiagnosticsShop({ access: 'admin' });
  off = buildDiagnosticsShop({ access: 'off' });
  [{ agent: admin }, customer] = await Promise.all([signedInAdmin(adminOnly), signedInCustomer(adminOnly)]);
});
afterAll(async () => {
  await Promise.all([adminOnly.close(), off.close()]);
});

test.each(URLS)('off: %s does not exist', async (url) => {
  await off.request.get(url).expect(404);
});

test('admin: a guest opening the page is sent to sign in and brought back', async () => {
  const res = await adminOnly.request.get('/diagnostics?hop=redis').expect(303);
  expect(res.headers.location).toBe('/sign-in?returnTo=%2Fdiagnostics%3Fhop%3Dredis');
});

test.each(URLS.slice(1))('admin: a guest gets 404 for %s', async (url) => {
  await adminOnly.request.get(url).expect(404);
});

test.each(URLS)('admin: a signed-in customer gets 404 for %s', async (url) => {
  await customer.get(url).expect(404);
});

test.each(URLS)('admin: an admin gets %s', async (url) => {
  await admin.get(url).expect(200);
});
