import { z } from 'zod';
import { inputText, isStorableText } from './input-text';

test('NUL and lone surrogates are not storable; paired surrogates (emoji) are', () => {
  expect(isStorableText('Dune 😀 ünïcode')).toBe(true);
  for (const text of ['a\u0000b', '\ud800', 'x\udfffy', '😀\ud83d', '\udc00\ud800']) {
    expect(isStorableText(text)).toBe(false);
  }
});

test('inputText chains like a string and names the field it refuses', () => {
  const schema = z.object({ title: inputText().trim().min(1).max(5) });
  expect(schema.parse({ title: ' ab ' })).toEqual({ title: 'ab' });
  const result = schema.safeParse({ title: 'a\u0000' });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.path).toEqual(['title']);
});
