import { editDistance, nearestWords } from './spelling';

describe('editDistance', () => {
  test.each([
    ['dracula', 'dracula', 0],
    ['dracla', 'dracula', 1], // a letter dropped
    ['draccula', 'dracula', 1], // a letter doubled
    ['dracula', 'dracule', 1], // a letter changed
    ['tolkein', 'tolkien', 1], // two neighbours swapped: one typo, not two
    ['drcaula', 'dracula', 1],
    ['emam', 'emma', 1],
    ['brontë', 'bronte', 1], // code points, not UTF-16 units
    ['austin', 'austen', 1],
    ['frankenstien', 'frankenstein', 1],
    ['ca', 'abc', 3], // optimal string alignment: a swapped pair is not edited again
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s is %i', (typed, word, distance) => {
    expect(editDistance(typed, word)).toBe(distance);
    expect(editDistance(word, typed)).toBe(distance);
  });

  test('stops counting past the limit', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('dracla', 'dracula', 1)).toBe(1);
  });
});

describe('nearestWords', () => {
  test('keeps only the candidates at the smallest distance, never the word itself', () => {
    expect(nearestWords('austin', ['austin', 'austen', 'justin', 'austere'])).toEqual(['austen', 'justin']);
    expect(nearestWords('emma', ['emma'])).toEqual([]);
  });

  test('allows one typo in a short word and two in a long one', () => {
    expect(nearestWords('hobit', ['hobbit', 'habits'])).toEqual(['hobbit']);
    expect(nearestWords('dune', ['done', 'dawn'])).toEqual(['done']);
    expect(nearestWords('dnue', ['dawn'])).toEqual([]);
    expect(nearestWords('shakspere', ['shakespeare'])).toEqual(['shakespeare']);
    expect(nearestWords('shakspr', ['shakespeare'])).toEqual([]);
  });
});
