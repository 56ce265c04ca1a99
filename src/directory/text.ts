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

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), capped for speed. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
      rows[i][j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/** Edits tolerated for a term of this length: none for short abbreviations (ib, bhv, kc), more for long compounds. */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  if (length <= 14) return 2;
  return 3;
}
