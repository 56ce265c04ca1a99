/**
 * Step 2 of the annual evaluation: from exact counts to what may be shown. The result carries no exact number
 * below the threshold, no id, no name and no free text but locations that at least SMALL_COUNT_THRESHOLD reports
 * share. Pure.
 */
import type { RawCounts, RowKey } from './aggregate';
import type { SchoolYear } from '../time/school-year';

/**
 * Counts from 1 up to 4 are not shown ("<5"). At a primary school a handful of reports in one category and month
 * can point to one pupil, group or colleague, and the evaluation is read outside the team (medezeggenschapsraad,
 * bestuur, inspectie). Five is the usual Dutch lower bound for publishing counts about people; 0 is shown.
 */
export const SMALL_COUNT_THRESHOLD = 5;

/**
 * A shown count: the number, or "small" (1 to threshold−1: "<5"), or "hidden" (secondary suppression: any size,
 * hidden so that a small count cannot be computed back from a total and the other shown numbers: "x"). A small or
 * hidden count does not keep its number, so nothing downstream can leak it.
 */
export type Count =
  | { n: number; small: false; hidden: false }
  | { n: null; small: true; hidden: false }
  | { n: null; small: false; hidden: true };

export interface EvaluationRow extends RowKey {
  /** Twelve counts, August first. */
  months: Count[];
  /** The whole school year. */
  total: Count;
}

export interface LocationCount {
  /** Normalised location text ("schoolplein"); only places at least SMALL_COUNT_THRESHOLD reports name. */
  location: string;
  total: Count;
}

/** The anonymised annual evaluation of one school: what the CSV, the chart and the card show. */
export interface Evaluation {
  school: string;
  year: SchoolYear;
  threshold: number;
  /** Per type/category, ordered as given (taxonomy order), only rows with reports. */
  rows: EvaluationRow[];
  /** Per month, over every row. */
  monthTotals: Count[];
  total: Count;
  /** Places named by at least `threshold` reports, most reported first. */
  locations: LocationCount[];
  /** Every other place together ("overig"); reports without a location are not in the location counts. */
  otherLocations: Count;
}

const shown = (n: number): Count => ({ n, small: false, hidden: false });
const SMALL: Count = { n: null, small: true, hidden: false };
const HIDDEN: Count = { n: null, small: false, hidden: true };

/** Primary suppression alone: a count as shown when nothing else depends on it. */
export function countOf(n: number, threshold = SMALL_COUNT_THRESHOLD): Count {
  return n > 0 && n < threshold ? SMALL : shown(n);
}

/** One number of the table while deciding what to hide. */
interface Slot {
  n: number;
  state: 'shown' | 'small' | 'hidden';
}

/**
 * Secondary suppression. The table is a set of sums: every row's cells add up to its total, every month's cells to
 * the month total, the row totals and the month totals to the grand total. When exactly one number of such a sum
 * is not shown, it follows from the others; so another one of that sum is hidden too, until no sum has exactly
 * one. The one hidden is the one that opens the fewest new such sums (a number whose other sums already miss one
 * costs nothing more), then a non-zero before a zero (hiding a 0 protects little), then the smallest. This stops
 * exact recomputation, the usual standard for tables like this; it does not hide ranges (two missing numbers of
 * one sum still add up to a known number).
 */
function suppressSecondary(sums: Slot[][]): void {
  const sumsOf = new Map<Slot, Slot[][]>();
  for (const sum of sums) for (const s of sum) sumsOf.set(s, [...(sumsOf.get(s) ?? []), sum]);
  const missing = (sum: Slot[]): number => sum.filter((s) => s.state !== 'shown').length;
  const rank = (s: Slot): number[] => [(sumsOf.get(s) ?? []).filter((sum) => missing(sum) === 0).length, s.n === 0 ? 1 : 0, s.n];
  const before = (a: number[], b: number[]): boolean => {
    const i = a.findIndex((v, k) => v !== b[k]);
    return i >= 0 && a[i] < b[i];
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const sum of sums) {
      if (missing(sum) !== 1) continue;
      let pick: { slot: Slot; rank: number[] } | undefined;
      for (const slot of sum) {
        if (slot.state !== 'shown') continue;
        const r = rank(slot);
        if (!pick || before(r, pick.rank)) pick = { slot, rank: r };
      }
      if (pick) {
        pick.slot.state = 'hidden';
        changed = true;
      }
    }
  }
}

const toCount = (s: Slot): Count => (s.state === 'small' ? SMALL : s.state === 'hidden' ? HIDDEN : shown(s.n));

/**
 * Exact counts → the anonymised evaluation. `order` lists the rows in the order they should appear (the
 * taxonomy's); a row not in it goes after the last row of its type (then by category id), an unknown type last.
 */
export function anonymise(raw: RawCounts, order: readonly RowKey[] = [], threshold = SMALL_COUNT_THRESHOLD): Evaluation {
  const sortKey = (k: RowKey): [number, number] => {
    const exact = order.findIndex((o) => o.type === k.type && (o.category ?? '') === (k.category ?? ''));
    if (exact >= 0) return [exact, 0];
    const lastOfType = order.map((o) => o.type).lastIndexOf(k.type);
    return [lastOfType < 0 ? order.length : lastOfType, 1];
  };
  const rows = [...raw.rows].sort((a, b) => {
    const [x, y] = [sortKey(a), sortKey(b)];
    return x[0] - y[0] || x[1] - y[1] || a.type.localeCompare(b.type) || (a.category ?? '').localeCompare(b.category ?? '');
  });
  const slot = (n: number): Slot => ({ n, state: n > 0 && n < threshold ? 'small' : 'shown' });
  const cells = rows.map((r) => r.months.map((n) => slot(n)));
  const rowTotals = rows.map((r) => slot(r.months.reduce((a, b) => a + b, 0)));
  const monthTotals = raw.year.months.map((_m, i) => slot(rows.reduce((a, r) => a + r.months[i], 0)));
  const grand = slot(rowTotals.reduce((a, s) => a + s.n, 0));
  suppressSecondary([
    ...cells.map((row, r) => [...row, rowTotals[r]]),
    ...monthTotals.map((total, m) => [...cells.map((row) => row[m]), total]),
    [...rowTotals, grand],
    [...monthTotals, grand],
  ]);

  const places = [...raw.locations.entries()];
  const listed = places.filter(([, n]) => n >= threshold).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const other = places.filter(([, n]) => n < threshold).reduce((a, [, n]) => a + n, 0);
  return {
    school: raw.school,
    year: raw.year,
    threshold,
    rows: rows.map((r, i) => ({
      type: r.type,
      ...(r.category ? { category: r.category } : {}),
      months: cells[i].map(toCount),
      total: toCount(rowTotals[i]),
    })),
    monthTotals: monthTotals.map(toCount),
    total: toCount(grand),
    locations: listed.map(([location, n]) => ({ location, total: shown(n) })),
    // "overig" is a bucket of places: its size may follow from the type totals, but it names no place.
    otherLocations: countOf(other, threshold),
  };
}
