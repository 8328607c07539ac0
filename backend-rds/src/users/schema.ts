import { z } from 'zod';
import { inputText } from '@bookstore/common';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password';

const emailSchema = inputText().trim().max(254).pipe(z.email('Must be an e-mail address'));

export const registerUserSchema = z.strictObject({
  email: emailSchema,
  password: inputText().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
  name: inputText().trim().min(1).max(100),
});

export type RegisterUserInput = z.output<typeof registerUserSchema>;

/** Lenient on purpose: any e-mail-ish string gets the same 401, never a hint. */
export const credentialsSchema = z.strictObject({
  email: inputText().trim().min(1).max(254),
  password: inputText().min(1).max(MAX_PASSWORD_LENGTH),
});

export type CredentialsInput = z.output<typeof credentialsSchema>;
