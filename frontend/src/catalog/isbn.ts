import rangeData from './isbn-ranges.json';

/**
 * ISBN-13 hyphenation by the International ISBN Agency's ranges: prefix (978/979), then the
 * registration group (language area), registrant (publisher) and publication, then the
 * check digit. Element lengths vary by range, so they come from the agency's table
 * (isbn-ranges.json); an ISBN outside every allocated range is shown unhyphenated.
 */
interface RegistrantRange {
  /** Length of the registrant element. */
  length: number;
  /** Bounds padded to 7 digits, as in the agency's RangeMessage. */
  from: number;
  to: number;
}

const GROUPS = new Map<string, RegistrantRange[]>(
  Object.entries(rangeData.groups).map(([prefix, ranges]) => [
    prefix.replace('-', ''),
    ranges.split(' ').map((range) => {
      const [from = '', to = ''] = range.split('-');
      return { length: from.length, from: Number(from.padEnd(7, '0')), to: Number(to.padEnd(7, '9')) };
    }),
  ]),
);

export function isValidIsbn13(digits: string): boolean {
  if (!/^97[89]\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(digits[12]);
}

/** `9780141439518` → `978-0-14-143951-8`; anything unknown comes back as given. */
export function hyphenateIsbn13(isbn: string): string {
  const digits = isbn.replace(/[-\s]/g, '');
  if (!isValidIsbn13(digits)) return isbn;
  // Registration groups are 1 to 5 digits after the 3-digit prefix; at most one matches.
  for (let groupLength = 1; groupLength <= 5; groupLength++) {
    const ranges = GROUPS.get(digits.slice(0, 3 + groupLength));
    if (!ranges) continue;
    const rest = digits.slice(3 + groupLength, 12);
    const seven = Number(rest.slice(0, 7).padEnd(7, '0'));
    const range = ranges.find((r) => seven >= r.from && seven <= r.to);
    if (!range || range.length === 0 || range.length >= rest.length) return digits;
    return [
      digits.slice(0, 3),
      digits.slice(3, 3 + groupLength),
      rest.slice(0, range.length),
      rest.slice(range.length),
      digits[12],
    ].join('-');
  }
  return digits;
}
