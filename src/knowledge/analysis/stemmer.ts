import { newStemmer } from 'snowball-stemmers';

const dutch = newStemmer('dutch');
const cache = new Map<string, string>();

/**
 * Snowball Dutch, memoised, plus the plural it leaves alone: -s after a vowel (ruzies → ruzie,
 * foto's → foto), which Snowball keeps because most Dutch plurals end in -en.
 */
export function stemDutch(word: string): string {
  let stem = cache.get(word);
  if (stem !== undefined) return stem;
  stem = dutch.stem(word);
  if (stem.length >= 5 && /(?:ie|[aouy])s$/.test(stem)) stem = stem.slice(0, -1);
  if (cache.size < 50_000) cache.set(word, stem);
  return stem;
}
