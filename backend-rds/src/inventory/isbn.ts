/**
 * ISBNs arrive as printed: ISBN-10 or ISBN-13, with or without hyphens or spaces. We keep one
 * form, the 13 digits, so the unique index sees "0-306-40615-2" and "978-0-306-40615-7"
 * as the same book.
 */

const SEPARATORS = /[\s-]/g;

function isbn13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

function isValidIsbn10(digits: string): boolean {
  if (!/^\d{9}[\dX]$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const value = digits[i] === 'X' ? 10 : Number(digits[i]);
    sum += value * (10 - i);
  }
  return sum % 11 === 0;
}

function isValidIsbn13(digits: string): boolean {
  return (
    /^97[89]\d{10}$/.test(digits) && isbn13CheckDigit(digits.slice(0, 12)) === Number(digits[12])
  );
}

/** The ISBN-13 digits for a valid ISBN-10 or ISBN-13, or null when the checksum fails. */
export function normaliseIsbn(input: string): string | null {
  const digits = input.replace(SEPARATORS, '').toUpperCase();
  if (digits.length === 13) return isValidIsbn13(digits) ? digits : null;
  if (digits.length === 10 && isValidIsbn10(digits)) {
    const first12 = `978${digits.slice(0, 9)}`;
    return `${first12}${isbn13CheckDigit(first12)}`;
  }
  return null;
}
