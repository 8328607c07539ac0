import { z } from 'zod';
import { inputText } from '@bookstore/common';
import { sessionIdSchema, storedJson } from '../http/params';

export const SESSION_DATA_MAX_BYTES = 8 * 1024;

const sessionData = storedJson(SESSION_DATA_MAX_BYTES).pipe(z.record(inputText().max(100), z.unknown()));

export const sessionParams = z.object({ sessionId: sessionIdSchema });

export const createSessionBody = z.strictObject({ data: sessionData.default({}) });

export const updateSessionBody = z.strictObject({ data: sessionData });

/** At sign-in the frontend usually replaces the data too (the user id goes in). */
export const rotateSessionBody = z.strictObject({ data: sessionData.optional() });

export type SessionData = z.output<typeof sessionData>;
