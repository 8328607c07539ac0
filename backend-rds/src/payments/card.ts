/** Pure card-number rules shared by input validation and the sandbox provider. */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'unknown';

/** "4242 4242-4242 4242" → "4242424242424242": people type spaces and dashes. */
export function cardDigits(cardNumber: string): string {
  return cardNumber.replace(/[\s-]/g, '');
}

/** The Luhn checksum every card number carries; catches most typos before a charge. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function detectCardBrand(digits: string): CardBrand {
  if (/^3[47]\d{13}$/.test(digits)) return 'amex';
  if (/^4\d{11,18}$/.test(digits)) return 'visa';
  const firstFour = Number(digits.slice(0, 4));
  if (/^5[1-5]\d{14}$/.test(digits) || (/^2\d{15}$/.test(digits) && firstFour >= 2221 && firstFour <= 2720)) {
    return 'mastercard';
  }
  return 'unknown';
}

export function cardLast4(digits: string): string {
  return digits.slice(-4);
}

/** A card is good through the last day of its expiry month (UTC). */
export function isCardExpired(expMonth: number, expYear: number, now: Date): boolean {
  const currentYear = now.getUTCFullYear();
  const currentMonth = now.getUTCMonth() + 1;
  return expYear < currentYear || (expYear === currentYear && expMonth < currentMonth);
}
