/**
 * Typo probes for search tests and the benchmark: queries a shopper might type for a real
 * book, each with exactly one slip of the finger, generated over a whole catalogue so no
 * example can be special-cased. Deterministic: the same catalogue gives the same probes.
 */
import { queryWords } from './query-text';

export interface ProbeBook {
  slug: string;
  title: string;
  /** Author names in cover order. */
  authors: string[];
}

export type TypoKind = 'drop' | 'double' | 'swap' | 'vowel';

export interface TypoProbe {
  query: string;
  /** The book the shopper means. */
  slug: string;
  title: string;
  kind: TypoKind;
  shape: 'title' | 'title + author';
}

/** Words short enough that one slip leaves little of them are left alone, as the bar says. */
const MIN_WORD_LENGTH = 5;
const VOWELS = 'aeiou';

/** A small deterministic generator (mulberry32), seeded from the book's slug. */
function randomFrom(seedText: string): () => number {
  let seed = [...seedText].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619), 2_166_136_261);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, items: T[]): T => items[Math.floor(random() * items.length)]!;

/** One slip of the kind asked for, or undefined when the word has no place for it. */
export function misspell(word: string, kind: TypoKind, random: () => number): string | undefined {
  const letters = [...word];
  const positions = letters.map((_, i) => i);
  switch (kind) {
    case 'drop': {
      const i = pick(random, positions);
      return [...letters.slice(0, i), ...letters.slice(i + 1)].join('');
    }
    case 'double': {
      const i = pick(random, positions);
      return [...letters.slice(0, i + 1), ...letters.slice(i)].join('');
    }
    case 'swap': {
      const pairs = positions.slice(0, -1).filter((i) => letters[i] !== letters[i + 1]);
      if (pairs.length === 0) return undefined;
      const i = pick(random, pairs);
      return [...letters.slice(0, i), letters[i + 1], letters[i], ...letters.slice(i + 2)].join('');
    }
    case 'vowel': {
      const vowels = positions.filter((i) => VOWELS.includes(letters[i]!));
      if (vowels.length === 0) return undefined;
      const i = pick(random, vowels);
      const other = pick(random, [...VOWELS].filter((v) => v !== letters[i]));
      return [...letters.slice(0, i), other, ...letters.slice(i + 1)].join('');
    }
  }
}

const isLongWord = (word: string) => word.length >= MIN_WORD_LENGTH && /^\p{L}+$/u.test(word);

/**
 * The whole title typed with one word misspelt: a letter dropped, doubled, or two swapped
 * (one probe of each kind per book whose title has a word of five letters or more).
 */
export function titleTypoProbes(books: ProbeBook[]): TypoProbe[] {
  const probes: TypoProbe[] = [];
  for (const book of books) {
    const words = queryWords(book.title);
    const eligible = words.map((word, i) => ({ word, i })).filter(({ word }) => isLongWord(word));
    if (eligible.length === 0) continue;
    const random = randomFrom(book.slug);
    for (const kind of ['drop', 'double', 'swap'] as const) {
      const { word, i } = pick(random, eligible);
      const typo = misspell(word, kind, random);
      if (!typo) continue;
      const query = words.map((w, j) => (j === i ? typo : w)).join(' ');
      probes.push({ query, slug: book.slug, title: book.title, kind, shape: 'title' });
    }
  }
  return probes;
}

/**
 * A title word and the author's surname ("dracula stoker"), one of the two misspelt: the
 * title word by a drop, double or swap, the surname by those or a wrong vowel ("austin").
 */
export function titleAuthorTypoProbes(books: ProbeBook[]): TypoProbe[] {
  const probes: TypoProbe[] = [];
  for (const book of books) {
    const titleWords = queryWords(book.title).filter(isLongWord);
    const surname = queryWords(book.authors[0] ?? '').at(-1);
    if (titleWords.length === 0 || !surname || surname.length < MIN_WORD_LENGTH - 1) continue;
    const random = randomFrom(`${book.slug}/author`);
    const titleWord = pick(random, titleWords);
    const probe = (query: string, kind: TypoKind): TypoProbe =>
      ({ query, slug: book.slug, title: book.title, kind, shape: 'title + author' });
    const titleKind = pick(random, ['drop', 'double', 'swap'] as const);
    const typedTitle = misspell(titleWord, titleKind, random);
    if (typedTitle) probes.push(probe(`${typedTitle} ${surname}`, titleKind));
    const surnameKind = pick(random, ['drop', 'double', 'swap', 'vowel'] as const);
    const typedSurname = misspell(surname, surnameKind, random);
    if (typedSurname && typedSurname !== surname) probes.push(probe(`${titleWord} ${typedSurname}`, surnameKind));
  }
  return probes;
}

export interface HitRate {
  probes: number;
  first: number;
  top3: number;
  misses: TypoProbe[];
}

/** How often the intended book (or one of the same title) came first and in the top three. */
export function hitRate(probes: TypoProbe[], resultTitles: string[][]): HitRate {
  const rate: HitRate = { probes: probes.length, first: 0, top3: 0, misses: [] };
  probes.forEach((probe, i) => {
    const titles = resultTitles[i] ?? [];
    const at = titles.findIndex((title) => title.toLowerCase() === probe.title.toLowerCase());
    if (at === 0) rate.first += 1;
    if (at >= 0 && at < 3) rate.top3 += 1;
    else rate.misses.push(probe);
  });
  return rate;
}

export const formatHitRate = (name: string, rate: HitRate) =>
  `${name}: ${rate.probes} probes, first ${percent(rate.first, rate.probes)}, top 3 ${percent(rate.top3, rate.probes)}`;

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`;
