/**
 * The annual evaluation (jaarlijkse evaluatie of the incidentregistratie, issue 9): one school's reports of one
 * school year as anonymised counts per category × month and per place, as CSV and as a chart (SVG, PNG). Read
 * from the store; no Teams types. Used by `npm run export`, the "jaaroverzicht" chat intent and the signed
 * download route.
 */
import type { Lang } from '../i18n';
import type { Taxonomy } from '../reports/taxonomy';
import type { ReportRepository } from '../store';
import { aggregate, type CountedReport } from './aggregate';
import { anonymise, type Evaluation } from './anonymise';
import { chartSpec, renderPng, renderSvg } from './chart';
import { evaluationCsv } from './csv';
import { rowOrder } from './labels';
import type { SchoolYear } from '../time/school-year';

export { SMALL_COUNT_THRESHOLD, type Count, type Evaluation } from './anonymise';
export { parseSchoolYear, schoolYearAt, type SchoolYear } from '../time/school-year';

const PAGE = 500;

/**
 * The school's reports that can count in `year`: submitted from the year's first day (a report's own date is never
 * after its submission) up to `now`. Paged; a report filed while paging shifts the pages, so ids are de-duplicated.
 */
export async function reportsForYear(reports: Pick<ReportRepository, 'list'>, school: string, year: SchoolYear, now: Date): Promise<CountedReport[]> {
  const found = new Map<string, CountedReport>();
  const submittedTo = now.toISOString();
  for (let offset = 0; ; offset += PAGE) {
    const page = await reports.list({ schools: [school], submittedFrom: year.fromInstant, submittedTo, limit: PAGE, offset });
    // Only what the evaluation reads is kept: no ids, reporters, pupils or free text beyond the place.
    for (const r of page.reports) {
      found.set(r.id, { school: r.school, type: r.type, category: r.category, submittedAt: r.submittedAt, fields: { date: r.fields.date, location: r.fields.location } });
    }
    if (page.reports.length < PAGE) break;
  }
  return [...found.values()];
}

export interface EvaluationDeps {
  reports: Pick<ReportRepository, 'list'>;
  tax: Taxonomy;
}

export async function buildEvaluation(deps: EvaluationDeps, school: string, year: SchoolYear, now: Date): Promise<Evaluation> {
  const reports = await reportsForYear(deps.reports, school, year, now);
  return anonymise(aggregate(reports, school, year), rowOrder(deps.tax, school));
}

export type FileKind = 'csv' | 'svg' | 'png';
export const FILE_KINDS: readonly FileKind[] = ['csv', 'svg', 'png'];

export const CONTENT_TYPES: Readonly<Record<FileKind, string>> = {
  csv: 'text/csv; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/** evaluatie-<school>-<year>.<kind>: the CLI's file names and the download's. */
export const fileName = (school: string, year: SchoolYear, kind: FileKind): string => `evaluatie-${school}-${year.label}.${kind}`;

/** One output file of an evaluation. */
export async function renderFile(evaluation: Evaluation, kind: FileKind, tax: Taxonomy, schoolName: string, lang: Lang): Promise<Buffer> {
  if (kind === 'csv') return Buffer.from(evaluationCsv(evaluation, tax, lang), 'utf8');
  const svg = await renderSvg(chartSpec(evaluation, tax, { schoolName, lang }));
  return kind === 'svg' ? Buffer.from(svg, 'utf8') : renderPng(svg);
}
