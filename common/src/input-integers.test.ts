import { INT4_MAX, jsonId, jsonInt, textId, textInt } from './input-integers';

test('ids fit PostgreSQL integer, in text and in JSON', () => {
  expect(textId.parse(String(INT4_MAX))).toBe(INT4_MAX);
  expect(jsonId.parse(INT4_MAX)).toBe(INT4_MAX);
  for (const text of ['0', '-1', '2147483648', '99999999999999999999', '1e3', '0x10', ' 7', '7.0', '', 'a\u0000']) {
    expect(textId.safeParse(text).success).toBe(false);
  }
  for (const value of [0, 2 ** 31, 1.5, Infinity, '1', null]) {
    expect(jsonId.safeParse(value).success).toBe(false);
  }
});

test('a number beyond the bound says it is too big', () => {
  const issue = jsonId.safeParse(1e30).error?.issues[0];
  expect(issue?.message).toMatch(/Too big/);
});

test('text integers may be negative when the bound says so', () => {
  expect(textInt(-5, 5).parse('-5')).toBe(-5);
  expect(textInt(1, 10).default(3).parse(undefined)).toBe(3);
});

test('bounds wider than int4 are a programming error, caught at start', () => {
  expect(() => jsonInt(0, INT4_MAX + 1)).toThrow(RangeError);
  expect(() => textInt(-(2 ** 40), 0)).toThrow(RangeError);
});
