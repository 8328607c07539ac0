import { z } from 'zod';

// Field schemas for the shop's forms, with messages written for shoppers. A form field is
// one string: a repeated field (an array), a missing one or one carrying characters no
// keyboard types (NUL, other control characters, lone surrogates) gets the field's message,
// never a 500 further down.

const LONE_SURROGATE = /\p{Cs}/u;
const UNTYPEABLE_MESSAGE = 'Remove the unusual characters';

/** Control characters (C0 and DEL); a textarea may hold tabs and line breaks. */
function hasControl(text: string, allowLineBreaks: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x7f || (code < 0x20 && !(allowLineBreaks && (code === 0x09 || code === 0x0a || code === 0x0d)))) return true;
  }
  return false;
}

/** Text a keyboard types: no control characters, no lone UTF-16 surrogates (not Unicode). */
export const isTypeable = (text: string, allowLineBreaks = false) => !hasControl(text, allowLineBreaks) && !LONE_SURROGATE.test(text);

/** One line of text, trimmed; `missing` when empty or absent. */
export function requiredLine(missing: string, max: number, tooLong: string) {
  return z
    .string({ error: missing })
    .refine((text) => isTypeable(text), UNTYPEABLE_MESSAGE)
    .trim()
    .min(1, missing)
    .max(max, tooLong);
}

/** One line that may be left empty: `undefined` then. */
export function optionalLine(max: number, tooLong: string) {
  return z
    .string({ error: 'Enter text only' })
    .refine((text) => isTypeable(text), UNTYPEABLE_MESSAGE)
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((text) => (text === '' ? undefined : text));
}

/** Several lines (a textarea) that may be left empty. */
export function optionalText(max: number, tooLong: string) {
  return z
    .string({ error: 'Enter text only' })
    .refine((text) => isTypeable(text, true), UNTYPEABLE_MESSAGE)
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((text) => (text === '' ? undefined : text));
}

/** A whole number typed in digits (spaces around it allowed), from `min` to `max`. */
export function wholeNumber(message: string, min: number, max: number) {
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
}

/** A password as typed: never trimmed, never sent back to the page. */
export function password(missing: string, max: number) {
  return z
    .string({ error: missing })
    .min(1, missing)
    .max(max, `Enter a password of at most ${max} characters`)
    .refine((text) => !text.includes('\u0000') && !LONE_SURROGATE.test(text), UNTYPEABLE_MESSAGE);
}
