import { cardDigits, cardLast4, detectCardBrand, isCardExpired, isLuhnValid } from './card';

test('cardDigits drops spaces and dashes', () => {
  expect(cardDigits('4242 4242-4242 4242')).toBe('4242424242424242');
});

test.each([
  ['4242424242424242', true],
  ['4000000000000002', true],
  ['5555555555554444', true],
  ['378282246310005', true],
  ['4242424242424241', false],
  ['1234', false],
  ['42424242424242a2', false],
])('Luhn check of %s is %s', (digits, valid) => {
  expect(isLuhnValid(digits)).toBe(valid);
});

test.each([
  ['4242424242424242', 'visa'],
  ['5555555555554444', 'mastercard'],
  ['2223003122003222', 'mastercard'],
  ['378282246310005', 'amex'],
  ['371449635398431', 'amex'],
  ['6011111111111117', 'unknown'],
])('%s is %s', (digits, brand) => {
  expect(detectCardBrand(digits)).toBe(brand);
});

test('last4', () => {
  expect(cardLast4('378282246310005')).toBe('0005');
});

test('a card is valid through the end of its expiry month', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  expect(isCardExpired(11, 2026, now)).toBe(false);
  expect(isCardExpired(10, 2026, now)).toBe(true);
  expect(isCardExpired(1, 2027, now)).toBe(false);
  expect(isCardExpired(12, 2025, now)).toBe(true);
});
