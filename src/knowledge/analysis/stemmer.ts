import { newStemmer } from 'snowball-stemmers';

const dutch = newStemmer('dutch');
const cache = new Map<string, string>();

/**
 * Snowball Dutch, plus one conflation it lacks: the -ing noun (schorsing, melding, begeleiding) meets
 * its verb (schorsen, melden, begeleiden).
 */
export function stemDutch(word: string): string {
  let stem = cache.get(word);
  if (stem !== undefined) return stem;
  stem = dutch.stem(word);
  if (stem.length >= 7 && stem.endsWith('ing')) stem = stem.slice(0, -3);
  if (cache.size < 50_000) cache.set(word, stem);
  return stem;
}
