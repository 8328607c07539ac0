import type { PrismaClient } from '../../src/db/client';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../src/users/password';

export interface DemoUser {
  email: string;
  name: string;
  role: 'admin' | 'customer';
  password: string;
}

export const DEMO_ADMIN_EMAIL = 'admin@bookstore.example';
export const DEMO_CUSTOMER_EMAIL = 'customer@bookstore.example';
export const DEV_DEMO_ADMIN_PASSWORD = 'admin-demo-password';
export const DEV_DEMO_CUSTOMER_PASSWORD = 'customer-demo-password';

function passwordFrom(env: NodeJS.ProcessEnv, variable: string, devDefault: string): string {
  const password = env[variable] || devDefault;
  // The defaults are in the repository: fine on a laptop, an open door anywhere else.
  if (env.NODE_ENV === 'production' && password === devDefault) {
    throw new Error(`set ${variable} to a secret password: the development default is refused in production`);
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`${variable} must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return password;
}

/** The demo accounts, passwords from DEMO_ADMIN_PASSWORD / DEMO_CUSTOMER_PASSWORD. */
export function demoUsersFromEnv(env: NodeJS.ProcessEnv = process.env): DemoUser[] {
  return [
    {
      email: DEMO_ADMIN_EMAIL,
      name: 'Demo Admin',
      role: 'admin',
      password: passwordFrom(env, 'DEMO_ADMIN_PASSWORD', DEV_DEMO_ADMIN_PASSWORD),
    },
    {
      email: DEMO_CUSTOMER_EMAIL,
      name: 'Demo Customer',
      role: 'customer',
      password: passwordFrom(env, 'DEMO_CUSTOMER_PASSWORD', DEV_DEMO_CUSTOMER_PASSWORD),
    },
  ];
}

/**
 * Creates the demo users that do not exist yet. Existing accounts are left exactly as they
 * are (someone may have changed the password or the name on purpose).
 */
export async function ensureDemoUsers(
  prisma: PrismaClient,
  users: DemoUser[],
): Promise<{ created: string[]; existing: string[] }> {
  const found = await prisma.user.findMany({
    where: { email: { in: users.map((u) => u.email) } },
    select: { email: true },
  });
  const existing = new Set(found.map((u) => u.email.toLowerCase()));
  const missing = users.filter((u) => !existing.has(u.email.toLowerCase()));
  const rows = await Promise.all(
    missing.map(async ({ email, name, role, password }) => ({
      email,
      name,
      role,
      passwordHash: await hashPassword(password),
    })),
  );
  // skipDuplicates: a seed running at the same moment may have created one since we looked.
  await prisma.user.createMany({ data: rows, skipDuplicates: true });
  return {
    created: missing.map((u) => u.email),
    existing: users.filter((u) => existing.has(u.email.toLowerCase())).map((u) => u.email),
  };
}
