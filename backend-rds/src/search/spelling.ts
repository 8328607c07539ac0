import type { PrismaClient } from '../db/client';
import { lookUpWords, TRIGRAM_LOOKUP_LENGTH } from './vocabulary';

/*
 * Spelling correction, word by word: each typed word is looked up in the vocabulary of
 * titles and author names (vocabulary.ts), and the candidates that PostgreSQL returns are
 * checked here by their true edit distance. Damerau's distance counts two swapped letters
 * as one typo ("tolkein" → "tolkien"), which fuzzystrmatch's levenshtein counts as two.
 * Only the nearest candidates are kept: one typo for most words, two for long ones.
 */

export interface WordSpelling {
  word: string;
  /** A title or author word as typed (for the last word: the start of one). */
  known: boolean;
  /** Vocabulary words at the smallest edit distance found, most similar first. */
  corrections: string[];
}

/** Shorter words have too many one-typo neighbours ("war": car, far, was) to guess from. */
export const MIN_CORRECTED_LENGTH = 4;
const MAX_CORRECTIONS = 5;

const maxDistanceFor = (length: number) => (length >= TRIGRAM_LOOKUP_LENGTH ? 2 : 1);

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein without editing a substring
 * twice): letters dropped, added, changed, and neighbours swapped, one each. Over code
 * points, so "brontë" is one typo from "bronte". Gives up past `limit`, returning limit + 1.
 */
export function editDistance(typed: string, word: string, limit = Infinity): number {
  const a = [...typed];
  const b = [...word];
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, beforePrevious[j - 2]! + 1);
      }
      current.push(distance);
      rowBest = Math.min(rowBest, distance);
    }
    if (rowBest > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidates nearest to the typed word, if any is near enough to be a typo of it. */
export function nearestWords(typed: string, candidates: string[]): string[] {
  const limit = maxDistanceFor([...typed].length);
  const scored = candidates
    .filter((candidate) => candidate !== typed)
    .map((candidate) => ({ candidate, distance: editDistance(typed, candidate, limit) }))
    .filter(({ distance }) => distance <= limit);
  const nearest = Math.min(...scored.map(({ distance }) => distance));
  return scored
    .filter(({ distance }) => distance === nearest)
    .slice(0, MAX_CORRECTIONS)
    .map(({ candidate }) => candidate);
}

/**
 * What each typed word may have meant. Words too short to correct skip the look-up; a
 * query with none long enough costs no round trip. The last word is being typed, so it
 * counts as known when a vocabulary word starts with it.
 */
export async function correctSpelling(db: PrismaClient, words: string[]): Promise<WordSpelling[]> {
  const isChecked = (word: string) => [...word].length >= MIN_CORRECTED_LENGTH;
  const checked = words
    .map((word, i) => ({ word, isPrefix: i === words.length - 1 }))
    .filter(({ word }) => isChecked(word));
  const matches = checked.length > 0 ? await lookUpWords(db, checked) : [];
  let next = 0;
  return words.map((word) => {
    if (!isChecked(word)) return { word, known: false, corrections: [] };
    const { known, candidates } = matches[next++]!;
    return { word, known, corrections: nearestWords(word, candidates) };
  });
}
