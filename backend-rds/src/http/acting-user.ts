import type { Request } from 'express';
import { z } from 'zod';
import { HttpError, parseInput, textId } from '@bookstore/common';
import type { PrismaClient } from '../db/client';

/**
 * The frontend (trusted through the service token) says on whose behalf it calls in this
 * header, from its signed-in session. The role is never taken from the caller: it is read
 * from the users table.
 */
export const ACTING_USER_HEADER = 'x-user-id';

export interface ActingUser {
  id: number;
  role: 'customer' | 'admin';
}

// Bounded like the users.id column: a larger value is a 400, never a query that overflows.
const headerSchema = z.object({ [ACTING_USER_HEADER]: textId });

export async function requireActingUser(req: Request, prisma: PrismaClient): Promise<ActingUser> {
  if (req.headers[ACTING_USER_HEADER] === undefined) {
    throw new HttpError(401, 'user_required', `This route acts for a user: send ${ACTING_USER_HEADER}`);
  }
  const { [ACTING_USER_HEADER]: id } = parseInput(headerSchema, req.headers, 'headers');
  const user = await prisma.user.findUnique({ where: { id }, select: { id: true, role: true } });
  if (!user) throw new HttpError(401, 'unknown_user', `No user with id ${id}`);
  return user;
}

export async function requireAdmin(req: Request, prisma: PrismaClient): Promise<ActingUser> {
  const user = await requireActingUser(req, prisma);
  if (user.role !== 'admin') throw new HttpError(403, 'admin_only', 'Only an admin may do this');
  return user;
}

/**
 * Owners see their own things; admins see everyone's. Someone else's thing is answered as a
 * missing one (404), never 403, so ids cannot be probed. Writes act for the acting user
 * alone: no body names the user it acts for.
 */
export function isOwnerOrAdmin(user: ActingUser, ownerId: number): boolean {
  return user.role === 'admin' || user.id === ownerId;
}
