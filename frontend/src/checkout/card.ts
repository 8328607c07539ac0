/** `4242 4242-4242 4242` → `4242424242424242`: what people type around the digits is dropped. */
export const cardDigits = (typed: string) => typed.replace(/[\s-]/g, '');

/** The Luhn checksum every card number carries: catches most typos before a charge is tried. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A card is good to the end of its expiry month (UTC). */
export function isCardExpired(month: number, year: number, now: Date): boolean {
  const thisYear = now.getUTCFullYear();
  return year < thisYear || (year === thisYear && month < now.getUTCMonth() + 1);
}

/** The sandbox's cards (backend-rds' test payment provider), shown on the page outside production. */
export const SANDBOX_CARDS = [
  { number: '4242 4242 4242 4242', outcome: 'Paid' },
  { number: '4000 0000 0000 0002', outcome: 'Declined (card declined)' },
  { number: '4000 0000 0000 9995', outcome: 'Declined (insufficient funds)' },
  { number: '4000 0000 0000 0119', outcome: 'The card company does not answer' },
] as const;
