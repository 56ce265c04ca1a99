import { DateTime } from 'luxon';

/**
 * Time for the whole core. One injected clock (tests fix it; production reads the system clock), and every
 * time a person reads is Europe/Amsterdam, formatted the Dutch way by Luxon (DST rules from the ICU data,
 * never hand-rolled offsets).
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told otherwise: for tests and benchmarks. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

export const SCHOOL_ZONE = 'Europe/Amsterdam';

export type DisplayLang = 'nl' | 'en';

const inSchoolZone = (at: Date | string): DateTime => {
  const dt = typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : DateTime.fromJSDate(at);
  return dt.setZone(SCHOOL_ZONE);
};

/** The school's calendar date and wall-clock time: { date: "2026-12-01", time: "01:23", year: 2026 }. */
export function schoolClock(at: Date | string): { date: string; time: string; year: number } {
  const dt = inSchoolZone(at);
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm'), year: dt.year };
}

/** "1 december 2026, 01:23" (nl) or "1 December 2026, 01:23" (en), in Amsterdam time. */
export function formatDateTime(at: Date | string, lang: DisplayLang = 'nl'): string {
  return inSchoolZone(at).setLocale(lang === 'en' ? 'en-GB' : 'nl-NL').toFormat('d MMMM yyyy, HH:mm');
}

/** "1 december 2026" (nl) or "1 December 2026" (en), in Amsterdam time. */
export function formatDate(at: Date | string, lang: DisplayLang = 'nl'): string {
  return inSchoolZone(at).setLocale(lang === 'en' ? 'en-GB' : 'nl-NL').toFormat('d MMMM yyyy');
}

/** A YYYY-MM-DD calendar date as people read it ("12 januari 2026"); the input itself when it is not a date. */
export function formatCalendarDate(isoDate: string, lang: DisplayLang = 'nl'): string {
  const dt = DateTime.fromISO(isoDate, { zone: SCHOOL_ZONE });
  return dt.isValid ? dt.setLocale(lang === 'en' ? 'en-GB' : 'nl-NL').toFormat('d MMMM yyyy') : isoDate;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid;
}
