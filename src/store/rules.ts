import { isDeepStrictEqual } from 'util';
import type { Report } from '../reports/types';
import type { NewReport } from './contract';

/** Rules every backend applies the same way. */

/** The stored report for a new one: its id, version 1, and no store-only fields. */
export function reportFromNew(input: NewReport, id: string): Report {
  const { code: _code, year: _year, ...rest } = input;
  return { ...rest, id, version: 1 };
}

/** The chronology is append-only: `next` must keep every stored entry unchanged, in order. */
export function assertChronologyExtends(stored: Report, next: Report): void {
  if (next.chronology.length < stored.chronology.length || !stored.chronology.every((e, i) => isDeepStrictEqual(e, next.chronology[i]))) {
    throw new Error(`report ${stored.id}: the chronology is append-only; stored entries cannot change`);
  }
}
