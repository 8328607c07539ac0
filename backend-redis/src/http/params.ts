import { z } from 'zod';

/** 32 random bytes in base64url: 43 characters, never braces (they end up in hash tags). */
export const sessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'expected a session id (43 base64url characters)');

/** Ids owned by backend-rds: positive 32-bit integers, so huge values are a 400. */
export const entityIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** At most `maxBytes` once serialised, so one caller cannot fill Redis with one value. */
export const boundedJson = <S extends z.ZodType>(schema: S, maxBytes: number) =>
  schema.refine((value) => Buffer.byteLength(JSON.stringify(value) ?? '') <= maxBytes, {
    message: `must be at most ${maxBytes} bytes as JSON`,
  });
