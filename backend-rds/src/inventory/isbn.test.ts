import { normaliseIsbn } from './isbn';

describe('normaliseIsbn', () => {
  test.each([
    ['9780306406157', '9780306406157'],
    ['978-0-306-40615-7', '9780306406157'],
    ['978 0 306 40615 7', '9780306406157'],
    ['0-306-40615-2', '9780306406157'],
    ['0306406152', '9780306406157'],
    // An ISBN-10 whose check digit is X (value 10), in either case.
    ['0-8044-2957-X', '9780804429573'],
    ['080442957x', '9780804429573'],
    ['979-10-90636-07-1', '9791090636071'],
  ])('%s is stored as %s', (input, expected) => {
    expect(normaliseIsbn(input)).toBe(expected);
  });

  test.each([
    ['a wrong ISBN-13 check digit', '9780306406158'],
    ['a wrong ISBN-10 check digit', '0306406153'],
    ['an ISBN-13 outside the 978/979 prefixes', '1234567890128'],
    ['X anywhere but the end', '03064X6152'],
    ['too few digits', '030640615'],
    ['letters', 'ISBN0306406152'],
    ['nothing', ''],
  ])('refuses %s', (_what, input) => {
    expect(normaliseIsbn(input)).toBeNull();
  });
});
