import { z } from 'zod';
import { inputText } from '@bookstore/common';

/** What is limited per bucket: an IP, an email, a user id… (URL-encoded in the path). */
export const counterParams = z.object({
  bucket: inputText().regex(/^[a-z0-9-]{1,40}$/, 'expected a bucket name such as sign-in'),
  key: inputText().regex(/^\S{1,256}$/u, 'expected 1–256 characters without spaces'),
});
