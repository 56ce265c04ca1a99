/** The evaluation's texts in one language: month headers, row labels (taxonomy), table words (strings). */
import { strings, type Lang, type Vars } from '../i18n';
import { categoriesFor, type Taxonomy } from '../reports/taxonomy';
import { REPORT_TYPES } from '../reports/types';
import type { RowKey } from './aggregate';
import type { Count } from './anonymise';
import type { SchoolYear } from '../time/school-year';

/** A text of the `evaluation` namespace (cards/evaluation.strings.<lang>.json). */
export const et = (lang: Lang, key: string, vars?: Vars): string => strings().t(lang, `evaluation:${key}`, vars);

/** "aug 2025" … "jul 2026". */
export function monthLabels(year: SchoolYear, lang: Lang): string[] {
  return year.months.map((m) => `${et(lang, `months.${m.month}`)} ${m.year}`);
}

export function typeLabel(tax: Taxonomy, type: RowKey['type'], lang: Lang): string {
  return tax.types.find((t) => t.id === type)?.label[lang] ?? type;
}

/** A row's category label from the taxonomy (the id itself for a category the taxonomy no longer has). */
export function categoryLabel(tax: Taxonomy, row: RowKey, lang: Lang): string {
  if (!row.category) return typeHasCategories(tax, row.type) ? et(lang, 'table.noCategory') : typeLabel(tax, row.type, lang);
  return tax.categories[row.category]?.[lang] ?? row.category;
}

/** The chart legend's label: the category ("(Digitaal) pesten"), the type for types without categories. */
export function rowLabel(tax: Taxonomy, row: RowKey, lang: Lang): string {
  return row.category ? categoryLabel(tax, row, lang) : typeHasCategories(tax, row.type) ? `${typeLabel(tax, row.type, lang)}: ${categoryLabel(tax, row, lang)}` : typeLabel(tax, row.type, lang);
}

const typeHasCategories = (tax: Taxonomy, type: RowKey['type']): boolean => tax.types.find((t) => t.id === type)?.hasCategory ?? false;

/** The rows in taxonomy order: types as the taxonomy lists them, each with the school's own categories in order. */
export function rowOrder(tax: Taxonomy, school: string): RowKey[] {
  return REPORT_TYPES.flatMap((type): RowKey[] =>
    typeHasCategories(tax, type) ? [...categoriesFor(tax, school, type).map((c) => ({ type, category: c.id })), { type }] : [{ type }],
  );
}

/** A count as a table cell: the number, "<5" or "x". */
export function countText(count: Count, threshold: number, lang: Lang): string {
  if (count.small) return `<${threshold}`;
  if (count.hidden) return et(lang, 'table.hidden');
  return String(count.n);
}
