import { HttpError } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { toUserProfile, userSelect, type UserProfile } from './mapper';
import { hashPassword, verifyPassword } from './password';
import type { CredentialsInput, RegisterUserInput } from './schema';

export async function registerUser(prisma: PrismaClient, input: RegisterUserInput): Promise<UserProfile> {
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await prisma.user.create({
      data: { email: input.email, name: input.name, passwordHash },
      select: userSelect,
    });
    return toUserProfile(row);
  } catch (err) {
    // citext makes the unique index case-insensitive, so this also catches "ADA@x.org".
    if (isUniqueViolation(err, 'users_email_key')) {
      throw new HttpError(409, 'email_taken', 'An account with this e-mail already exists');
    }
    throw err;
  }
}

/**
 * Unknown e-mail and wrong password give the same answer after the same argon2 work, so the
 * response says nothing about which accounts exist.
 */
export async function verifyCredentials(
  prisma: PrismaClient,
  input: CredentialsInput,
): Promise<UserProfile> {
  const row = await prisma.user.findUnique({
    where: { email: input.email },
    select: { ...userSelect, passwordHash: true },
  });
  const matches = await verifyPassword(row?.passwordHash, input.password);
  if (!row || !matches) {
    throw new HttpError(401, 'invalid_credentials', 'The e-mail or password is incorrect');
  }
  return toUserProfile(row);
}

/** Also what another user's profile or order history answers, so ids cannot be probed. */
export const userNotFound = (userId: number) => new HttpError(404, 'user_not_found', `No user with id ${userId}`);

export async function getUserProfile(prisma: PrismaClient, userId: number): Promise<UserProfile> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: userSelect });
  if (!row) throw userNotFound(userId);
  return toUserProfile(row);
}
