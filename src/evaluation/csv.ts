/**
 * The evaluation as CSV, written with csv-stringify (quoting, delimiters and line ends done by a well-kept library,
 * not by hand). Semicolons and a byte-order mark: Excel with Dutch settings, the tool schools open it in, then shows
 * columns and accents right. One table: per category × month, the totals, and per place.
 */
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../i18n';
import type { Taxonomy } from '../reports/taxonomy';
import type { Evaluation } from './anonymise';
import { categoryLabel, countText, et, monthLabels, typeLabel } from './labels';

/**
 * A cell Excel would run as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe. Only the
 * place texts come from people, but every text cell goes through here.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function evaluationCsv(evaluation: Evaluation, tax: Taxonomy, lang: Lang): string {
  const { threshold } = evaluation;
  const count = (c: Evaluation['total']): string => countText(c, threshold, lang);
  const noMonths = new Array<string>(12).fill('');
  const records: string[][] = [
    [et(lang, 'table.part'), et(lang, 'table.type'), et(lang, 'table.category'), ...monthLabels(evaluation.year, lang), et(lang, 'table.total')],
    ...evaluation.rows.map((row) => [
      et(lang, 'table.perCategory'),
      typeLabel(tax, row.type, lang),
      categoryLabel(tax, row, lang),
      ...row.months.map(count),
      count(row.total),
    ]),
    [et(lang, 'table.allReports'), '', et(lang, 'table.allReportsLabel'), ...evaluation.monthTotals.map(count), count(evaluation.total)],
    ...evaluation.locations.map((l) => [et(lang, 'table.perLocation'), '', l.location, ...noMonths, count(l.total)]),
    [et(lang, 'table.perLocation'), '', et(lang, 'table.otherLocations'), ...noMonths, count(evaluation.otherLocations)],
  ];
  return stringify(records.map((r) => r.map(neutraliseFormula)), { delimiter: ';', bom: true, record_delimiter: 'windows' });
}
