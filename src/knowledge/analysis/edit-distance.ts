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

/** Three rows of the alignment table, reused by every call of {@link withinEdits} (grown when a longer word comes). */
let prev2 = new Int32Array(64);
let prev = new Int32Array(64);
let cur = new Int32Array(64);

/**
 * Whether `a` and `b` are at most `max` edits apart: the same answer as `editDistance(a, b, max) <= max` (optimal
 * string alignment: insertions, deletions, substitutions, adjacent transpositions), but computed only on the band of
 * the table within `max` of its diagonal, with values capped at `max + 1`, in reused rows — no allocation. Role
 * matching (src/directory) asks this some hundreds of times per question.
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  // An odd bound or an empty side (keys and names never are) is left to the general function, as before.
  if (!(max >= 0) || max === Infinity || a.length === 0 || b.length === 0) return editDistance(a, b, max) <= max;
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max || max === 0) return false;
  if (cur.length <= lb + 1) {
    const size = 2 * (lb + 2);
    prev2 = new Int32Array(size);
    prev = new Int32Array(size);
    cur = new Int32Array(size);
  }
  const cap = max + 1;
  // Row 0: j insertions; cells beyond the band hold the cap.
  for (let j = 0; j <= lb && j <= max; j++) cur[j] = j;
  if (max + 1 <= lb) cur[max + 1] = cap;
  for (let i = 1; i <= la; i++) {
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
    const lo = i - max > 1 ? i - max : 1;
    const hi = i + max < lb ? i + max : lb;
    // The cell left of the band: i deletions inside it, the cap outside.
    cur[lo - 1] = lo === 1 ? (i < cap ? i : cap) : cap;
    const ca = a.charCodeAt(i - 1);
    const pa = i > 1 ? a.charCodeAt(i - 2) : -1;
    let rowMin = cap;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ca === cb ? 0 : 1);
      const up = prev[j] + 1;
      if (up < v) v = up;
      const left = cur[j - 1] + 1;
      if (left < v) v = left;
      if (j > 1 && ca === b.charCodeAt(j - 2) && pa === cb) {
        const tr = prev2[j - 2] + 1;
        if (tr < v) v = tr;
      }
      if (v > cap) v = cap;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi + 1 <= lb) cur[hi + 1] = cap;
    if (rowMin > max) return false;
  }
  return cur[lb] <= max;
}
