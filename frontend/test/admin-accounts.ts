import path from 'node:path';
import { createRequire } from 'node:module';
import type { StackEnv } from './stack/stack-env';
import { REPO_ROOT } from './stack/database';
import { newAccount, register, shopper, signIn, type Agent } from './shopper';

// pg is backend-rds' dependency; the frontend never talks to PostgreSQL, only this fixture does.
const requireFromRds = createRequire(path.join(REPO_ROOT, 'backend-rds', 'package.json'));

/** Makes an account an admin: there is no API for that (on purpose), so the fixture writes the row. */
async function promoteToAdmin(stack: StackEnv, email: string): Promise<void> {
  const { Client } = requireFromRds('pg') as typeof import('pg');
  const client = new Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("UPDATE users SET role = 'admin' WHERE email = $1", [email]);
    if (rowCount !== 1) throw new Error(`no user ${email} to promote`);
  } finally {
    await client.end();
  }
}

interface ShopLike {
  stack: StackEnv;
  browser: () => Agent;
}

/** A new customer, registered and signed in through the shop's own forms. */
export async function signedInCustomer(shop: ShopLike): Promise<Agent> {
  const agent = shopper(shop as Parameters<typeof shopper>[0]);
  await register(agent, newAccount('Cora Customer'));
  return agent;
}

/** A new admin (an account of its own per test file, so no file waits on another's sign-in limit), signed in. */
export async function signedInAdmin(shop: ShopLike, name = 'Ada Admin'): Promise<{ agent: Agent; email: string; userId: number }> {
  const agent = shopper(shop as Parameters<typeof shopper>[0]);
  const { account } = await register(agent, newAccount(name));
  await promoteToAdmin(shop.stack, account.email);
  const res = await fetch(new URL('/users/verify-credentials', shop.stack.rdsUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${shop.stack.serviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const user = (await res.json()) as { id: number; role: string };
  if (user.role !== 'admin') throw new Error('promotion did not take');
  // Signed in again as an admin, as a real one would be: the session then knows the role (the header's link).
  const signedIn = shopper(shop as Parameters<typeof shopper>[0]);
  const answer = await signIn(signedIn, account);
  if (answer.status !== 303) throw new Error(`admin sign-in → ${answer.status}`);
  return { agent: signedIn, email: account.email, userId: user.id };
}
