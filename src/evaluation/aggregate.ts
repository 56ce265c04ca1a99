/**
 * Step 1 of the annual evaluation (jaarlijkse evaluatie, incidentregistratie): count one school's reports of one
 * school year per type/category × month and per location. Pure. The exact counts made here never leave the
 * evaluation module: {@link anonymise} turns them into what may be shown.
 */
import { isCalendarDate, schoolClock } from '../time';
import type { Report, ReportType } from '../reports/types';
import { monthIndex, type SchoolYear } from '../time/school-year';

/** The report fields the evaluation reads, and nothing more (no id, reporter, pupils or free text but location). */
export type CountedReport = Pick<Report, 'school' | 'type' | 'category' | 'submittedAt'> & { fields: Partial<Record<'date' | 'location', unknown>> };

/** One row: a report type, narrowed to a category for the types that have them. */
export interface RowKey {
  type: ReportType;
  category?: string;
}

export interface RawRow extends RowKey {
  /** Twelve exact counts, August first. */
  months: number[];
}

export interface RawCounts {
  school: string;
  year: SchoolYear;
  /** Only rows with at least one report, in no particular order ({@link anonymise} orders them). */
  rows: RawRow[];
  /** Normalised location → exact count, over the reports that have a location. */
  locations: Map<string, number>;
}

/**
 * The school date a report counts under: the date the reporter gave for what happened (`fields.date`, a calendar
 * date at the school) when the flow asks for one, else the day it was submitted, in Amsterdam time.
 */
export function countedDate(report: Pick<CountedReport, 'fields' | 'submittedAt'>): string {
  const date = report.fields.date;
  return typeof date === 'string' && isCalendarDate(date) ? date : schoolClock(report.submittedAt).date;
}

/** "  Het  Schoolplein " → "het schoolplein": trimmed, lower case, one space between words. Empty: no location. */
export function normaliseLocation(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const norm = text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  return norm === '' ? undefined : norm;
}

const rowId = (k: RowKey): string => `${k.type}\u0000${k.category ?? ''}`;

export function aggregate(reports: Iterable<CountedReport>, school: string, year: SchoolYear): RawCounts {
  const rows = new Map<string, RawRow>();
  const locations = new Map<string, number>();
  for (const report of reports) {
    if (report.school !== school) continue;
    const month = monthIndex(year, countedDate(report));
    if (month === undefined) continue;
    const key: RowKey = report.category ? { type: report.type, category: report.category } : { type: report.type };
    let row = rows.get(rowId(key));
    if (!row) rows.set(rowId(key), (row = { ...key, months: new Array<number>(12).fill(0) }));
    row.months[month] += 1;
    const location = normaliseLocation(report.fields.location);
    if (location) locations.set(location, (locations.get(location) ?? 0) + 1);
  }
  return { school, year, rows: [...rows.values()], locations };
}
