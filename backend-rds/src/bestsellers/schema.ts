import { z } from 'zod';
import { textInt } from '@bookstore/common';

export const bestsellersQuerySchema = z.object({
  days: textInt(1, 365).default(7),
  limit: textInt(1, 50).default(10),
});
