import { z } from 'zod';

export const alsoBoughtQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(20).default(6),
});
