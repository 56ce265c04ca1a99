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
  if (next.chronology.length < stored.chronology.length || !stored.chronology.every((e, i) => sameJson(e, next.chronology[i]))) {
    throw new Error(`report ${stored.id}: the chronology is append-only; stored entries cannot change`);
  }
}

/** JSON text with object keys sorted: the same for equal data whatever the key order (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Equal as JSON data: key order and object prototypes (another realm, a driver's parser) do not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
