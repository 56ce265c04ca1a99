import { newStemmer } from 'snowball-stemmers';

const dutch = newStemmer('dutch');
const cache = new Map<string, string>();

/**
 * Snowball Dutch, memoised, plus two plurals it leaves apart: -s after a vowel (ruzies → ruzie,
 * foto's → foto) and -en after a doubled consonant (protocollen → protocol).
 */
export function stemDutch(word: string): string {
  let stem = cache.get(word);
  if (stem !== undefined) return stem;
  stem = dutch.stem(word);
  if (stem.length >= 5 && /(?:ie|[aouy])s$/.test(stem)) stem = stem.slice(0, -1);
  // Snowball undoubles only kk/dd/tt after -en; protocollen → protocoll must meet protocol.
  if (stem.length >= 5 && /([bcfglmnprs])\1$/.test(stem)) stem = stem.slice(0, -1);
  if (cache.size < 50_000) cache.set(word, stem);
  return stem;
}
