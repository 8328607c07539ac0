import { z } from 'zod';
import { password, requiredLine } from '../web/form-fields';

/** backend-rds' bounds (users/schema.ts there). */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 200;

const email = requiredLine('Enter your e-mail address', 254, 'Enter an e-mail address of at most 254 characters').pipe(
  z.email('Enter an e-mail address in the right format, like name@example.com'),
);

// Not strict: the forms also carry _csrf and returnTo, read on their own.
export const signInForm = z.object({
  email,
  password: password('Enter your password', MAX_PASSWORD_LENGTH),
});

export const registerForm = z.object({
  name: requiredLine('Enter your name', 100, 'Enter a name of at most 100 characters'),
  email,
  password: password('Enter a password', MAX_PASSWORD_LENGTH).refine(
    (text) => text.length >= MIN_PASSWORD_LENGTH,
    `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters`,
  ),
});

/** How backend-rds names the fields of `POST /users`, onto the form's. */
export const REGISTER_FIELDS = { email: 'email', password: 'password', name: 'name' };

/** The e-mail as an account key (rate limits): backend-rds compares e-mails case-insensitively. */
export const accountKey = (address: string) => address.toLowerCase();
