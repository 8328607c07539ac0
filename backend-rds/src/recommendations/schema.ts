import { z } from 'zod';
import { textInt } from '@bookstore/common';

export const alsoBoughtQuerySchema = z.object({
  limit: textInt(1, 20).default(6),
});
