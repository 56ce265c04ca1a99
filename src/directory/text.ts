/** Small text helpers for matching staff language: diacritic folding, tokens, edit distance. */

/** Lowercase, strip diacritics (coördinator → coordinator), unify apostrophes, keep letters/digits/spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/(\w)'(s|er|ers)\b/g, '$1$2') // bhv'er → bhver, kc'ers → kcers, ib's → ibs
    .replace(/[^a-z0-9@.&\s]/g, ' ')
    .replace(/\.(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const f = fold(text);
  return f ? f.split(' ') : [];
}

/** Folded and without spaces: "anti pest coördinator" and "antipestcoordinator" share one key. */
export function compact(text: string): string {
  return fold(text).replace(/[\s.]/g, '');
}

export { editDistance, withinEdits } from '../knowledge/analysis/edit-distance';

/** Edits tolerated for a term of this length: none for short abbreviations (ib, bhv, kc), more for long compounds. */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  if (length <= 14) return 2;
  return 3;
}
