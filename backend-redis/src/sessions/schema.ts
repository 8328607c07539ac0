import { z } from 'zod';
import { boundedJson, sessionIdSchema } from '../http/params';

export const SESSION_DATA_MAX_BYTES = 8 * 1024;

const sessionData = boundedJson(z.record(z.string().max(100), z.json()), SESSION_DATA_MAX_BYTES);

export const sessionParams = z.object({ sessionId: sessionIdSchema });

export const createSessionBody = z.strictObject({ data: sessionData.default({}) });

export const updateSessionBody = z.strictObject({ data: sessionData });

/** At sign-in the frontend usually replaces the data too (the user id goes in). */
export const rotateSessionBody = z.strictObject({ data: sessionData.optional() });

export type SessionData = z.output<typeof sessionData>;
