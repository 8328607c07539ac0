import { z } from 'zod';
import { jsonId, textId, textInt } from '@bookstore/common';

export const userParams = z.object({ userId: textId });

export const recordViewBody = z.strictObject({ bookId: jsonId });

export const listQuery = z.strictObject({ limit: textInt(1, 200).optional() });
