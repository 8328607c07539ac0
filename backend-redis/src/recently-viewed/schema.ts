import { z } from 'zod';
import { entityIdSchema } from '../http/params';

export const userParams = z.object({ userId: entityIdSchema });

export const recordViewBody = z.strictObject({ bookId: z.number().int().positive().max(2_147_483_647) });

export const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional() });
