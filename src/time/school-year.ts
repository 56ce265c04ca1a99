/**
 * The school year (schooljaar): 1 August up to and including 31 July, in Europe/Amsterdam. Pure: the caller
 * passes the instant ("now") where it matters.
 */
import { DateTime } from 'luxon';
import { SCHOOL_ZONE, schoolClock } from '.';

/** Its twelve months in order, August first: month numbers as Luxon counts them (1 = January). */
export const SCHOOL_MONTHS: readonly number[] = [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7];

export interface SchoolYear {
  /** The calendar year of 1 August: 2025 for 2025-2026. */
  startYear: number;
  /** "2025-2026", as people write it and as file names carry it. */
  label: string;
  /** First and first-after calendar dates (YYYY-MM-DD, school time): [from, to). */
  fromDate: string;
  toDate: string;
  /** The same bounds as instants (ISO, UTC): midnight in Amsterdam, DST-correct. */
  fromInstant: string;
  toInstant: string;
  /** The twelve months: { year, month } from August to July. */
  months: ReadonlyArray<{ year: number; month: number }>;
}

const FIRST = 2000;
const LAST = 2100;

export function schoolYear(startYear: number): SchoolYear {
  const from = DateTime.fromObject({ year: startYear, month: 8, day: 1 }, { zone: SCHOOL_ZONE });
  const to = from.plus({ years: 1 });
  return {
    startYear,
    label: `${startYear}-${startYear + 1}`,
    fromDate: from.toFormat('yyyy-MM-dd'),
    toDate: to.toFormat('yyyy-MM-dd'),
    fromInstant: from.toJSDate().toISOString(),
    toInstant: to.toJSDate().toISOString(),
    months: SCHOOL_MONTHS.map((month) => ({ year: month >= 8 ? startYear : startYear + 1, month })),
  };
}

/** "2025-2026" (also with "/" or spaces around the dash) → the school year; undefined for anything else. */
export function parseSchoolYear(text: string): SchoolYear | undefined {
  const m = /^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]);
  if (Number(m[2]) !== start + 1 || start < FIRST || start >= LAST) return undefined;
  return schoolYear(start);
}

/** The school year a school-time calendar date (YYYY-MM-DD) falls in. */
export function schoolYearOfDate(date: string): SchoolYear {
  const [year, month] = date.split('-').map(Number);
  return schoolYear(month >= 8 ? year : year - 1);
}

/** The school year running at this instant (Amsterdam time: 31 July 23:30 is still the old year). */
export function schoolYearAt(at: Date | string): SchoolYear {
  return schoolYearOfDate(schoolClock(at).date);
}

/** Index 0–11 (August = 0) of a school-time date within `year`, or undefined when the date lies outside it. */
export function monthIndex(year: SchoolYear, date: string): number | undefined {
  if (date < year.fromDate || date >= year.toDate) return undefined;
  return SCHOOL_MONTHS.indexOf(Number(date.slice(5, 7)));
}
