import type { Prisma } from '../db/client';

/** Everything a user may see about an account: never the password hash. */
export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export interface UserProfile {
  id: number;
  email: string;
  name: string;
  role: 'customer' | 'admin';
  createdAt: string;
}

export function toUserProfile(row: UserRow): UserProfile {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  };
}
