import { HIGHLIGHT_START as START, HIGHLIGHT_STOP as STOP, escapeHtml, toHighlightHtml } from './highlight';
import { queryWords, MAX_QUERY_WORDS } from './query-text';

describe('toHighlightHtml', () => {
  test('escapes the text and turns markers into <mark>', () => {
    expect(toHighlightHtml(`Tom & <b>${START}Jerry${STOP}</b> "quoted" it's`)).toBe(
      'Tom &amp; &lt;b&gt;<mark>Jerry</mark>&lt;/b&gt; &quot;quoted&quot; it&#39;s',
    );
  });

  test('leaves text without markers escaped and unmarked', () => {
    expect(toHighlightHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml('plain')).toBe('plain');
  });
});

describe('queryWords', () => {
  test('keeps letters and digits only, lowercased', () => {
    expect(queryWords(`'; DROP TABLE books;--`)).toEqual(['drop', 'table', 'books']);
    expect(queryWords('prej:* & (a|!b) 100% C:\\path_name')).toEqual([
      'prej', 'a', 'b', '100', 'c', 'path', 'name',
    ]);
    expect(queryWords('Les Misérables')).toEqual(['les', 'misérables']);
  });

  test('is empty when nothing searchable is left', () => {
    expect(queryWords(`%_\\:*&|!()'"`)).toEqual([]);
  });

  test('bounds the number and length of words', () => {
    expect(queryWords('a '.repeat(50))).toHaveLength(MAX_QUERY_WORDS);
    expect(queryWords('x'.repeat(200))[0]).toHaveLength(40);
  });
});
