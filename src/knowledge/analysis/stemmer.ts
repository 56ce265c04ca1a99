import { newStemmer } from 'snowball-stemmers';

const dutch = newStemmer('dutch');
const cache = new Map<string, string>();

/** Snowball Dutch, memoised (the same few thousand words recur in every question). */
export function stemDutch(word: string): string {
  let stem = cache.get(word);
  if (stem !== undefined) return stem;
  stem = dutch.stem(word);
  if (cache.size < 50_000) cache.set(word, stem);
  return stem;
}
