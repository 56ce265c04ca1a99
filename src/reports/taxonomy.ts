import * as path from 'path';
import { loadSchools } from '../knowledge/schools';
import { loadFlows, type Flows } from './flows';
import { loadDirectory } from '../directory/load';
import { INFO_BLOCK_ROLES } from './views';
import type { School } from '../knowledge/types';
import * as fs from 'fs';
import { z } from 'zod';
import { REPORT_TYPES, type Citation, type Lang, type LegalSource, type ReportType, type StepValues } from './types';

/** knowledge/reports/taxonomy.json: report types, categories per school, next steps with citations, meldcode. */

const text = z.object({ nl: z.string().min(1), en: z.string().min(1) });
const reportType = z.enum(REPORT_TYPES);
const citation = z.object({ doc: z.string().min(1), section: z.string(), title: z.string().min(1) });
const legal = z.object({ law: z.string().min(1), article: z.string().optional() });
const roleId = z.string().regex(/^[a-z][a-z-]*$/, 'role ids are lower-case kebab-case (directory.json)');

const condition = z
  .object({
    categories: z.array(z.string()).optional(),
    fields: z.record(z.union([z.string(), z.boolean()])).optional(),
  })
  .strict();

const nextStep = text.extend({
  id: z.string().min(1),
  types: z.array(reportType).min(1),
  when: condition.optional(),
  roles: z.array(roleId),
  citation: citation.optional(),
  legal: legal.optional(),
});

const numbered = text.extend({ n: z.number().int().positive() });

const schoolEntry = z.object({
  categories: z.record(reportType, z.array(z.object({ id: z.string(), citation }))),
  meldcode: z.object({ citation, steps: z.array(numbered).length(5) }).optional(),
  nextSteps: z.array(nextStep),
});

const emergencyLine = text.extend({ phone: z.string().min(3) });

export const taxonomySchema = z.object({
  version: z.number().int(),
  types: z.array(z.object({ id: reportType, description: text, label: text, hasCategory: z.boolean() })),
  categories: z.record(text),
  defaultCategories: z.object({ incident: z.array(z.string()), ongeval: z.array(z.string()), 'agressie-personeel': z.array(z.string()) }),
  emergency: z.object({ acute: emergencyLine, veiligThuis: emergencyLine, vertrouwensinspecteur: emergencyLine }),
  meldcode: z.object({ source: legal, steps: z.array(numbered).length(5), afwegingskader: z.array(numbered).min(1) }),
  commonNextSteps: z.array(nextStep),
  schools: z.record(schoolEntry),
});

export type Taxonomy = z.infer<typeof taxonomySchema>;
export type NextStepData = z.infer<typeof nextStep>;
export type LocalText = z.infer<typeof text>;

export interface CategoryOption {
  id: string;
  label: LocalText;
  /** The plan section that lists this category; absent for Baken's default list. */
  citation?: Citation;
}

/** One next step as shown on the confirmation card. */
export interface NextStep {
  id: string;
  text: string;
  roles: string[];
  citation?: Citation;
  legal?: LegalSource;
}

export interface MeldcodeInfo {
  steps: { n: number; text: string }[];
  afwegingskader: { n: number; text: string }[];
  /** The school plan's own meldcode section when it spells out the steps; else the law. */
  citation?: Citation;
  legal?: LegalSource;
}

/** Parses and cross-checks a taxonomy: every category referenced exists, every school is known. */
export function parseTaxonomy(raw: unknown, knownSchools?: string[]): Taxonomy {
  const tax = taxonomySchema.parse(raw);
  const problems: string[] = [];
  const checkCategory = (where: string, id: string) => {
    if (!tax.categories[id]) problems.push(`${where}: unknown category "${id}"`);
  };
  for (const [type, ids] of Object.entries(tax.defaultCategories)) ids.forEach((id) => checkCategory(`defaultCategories.${type}`, id));
  for (const [school, entry] of Object.entries(tax.schools)) {
    if (knownSchools && !knownSchools.includes(school)) problems.push(`schools.${school}: not in knowledge/schools.json`);
    for (const [type, list] of Object.entries(entry.categories)) list?.forEach((c) => checkCategory(`schools.${school}.categories.${type}`, c.id));
    for (const s of entry.nextSteps) s.when?.categories?.forEach((c) => checkCategory(`schools.${school}.nextSteps.${s.id}`, c));
    for (const s of entry.nextSteps) if (!s.citation) problems.push(`schools.${school}.nextSteps.${s.id}: a school's next step needs a citation`);
  }
  for (const s of tax.commonNextSteps) if (!s.citation && !s.legal) problems.push(`commonNextSteps.${s.id}: needs a citation or a legal source`);
  if (problems.length) throw new Error(`taxonomy.json is inconsistent:\n${problems.join('\n')}`);
  return tax;
}

export type SchoolInfo = School;

export function loadTaxonomy(file: string, schools: SchoolInfo[]): Taxonomy {
  return parseTaxonomy(JSON.parse(fs.readFileSync(file, 'utf8')), schools.map((s) => s.id));
}

/** Everything the Report capability reads from the knowledge folder (KNOWLEDGE_DIR, never a fixed path). */
export interface ReportKnowledge {
  flows: Flows;
  tax: Taxonomy;
  schools: SchoolInfo[];
}

export function loadReportKnowledge(knowledgeDir: string): ReportKnowledge {
  const { schools } = loadSchools(knowledgeDir);
  const tax = loadTaxonomy(path.join(knowledgeDir, 'reports', 'taxonomy.json'), schools);
  // One role vocabulary: every role a next step names must be a role of the directory (knowledge/directory.json),
  // or the confirmation would say "naam niet bekend" for a role that has a name under another id.
  const known = new Set(loadDirectory(path.join(knowledgeDir, 'directory.json')).roles.map((r) => r.id));
  const used = new Set([...tax.commonNextSteps, ...Object.values(tax.schools).flatMap((s) => s.nextSteps ?? [])].flatMap((st) => st.roles ?? []));
  for (const roles of Object.values(INFO_BLOCK_ROLES)) for (const role of roles ?? []) used.add(role);
  const unknown = [...used].filter((r) => !known.has(r)).sort();
  if (unknown.length) throw new Error(`taxonomy.json names roles the directory does not have: ${unknown.join(', ')} (use the ids of knowledge/directory.json)`);
  return { schools, flows: loadFlows(path.join(knowledgeDir, 'reports', 'flows.json')), tax };
}

export function typeHasCategory(tax: Taxonomy, type: ReportType): boolean {
  return tax.types.find((t) => t.id === type)?.hasCategory ?? false;
}

/** The school's own list from its plan where it has one for this type, Baken's default list otherwise. */
export function categoriesFor(tax: Taxonomy, school: string, type: ReportType): CategoryOption[] {
  const own = tax.schools[school]?.categories[type];
  if (own && own.length) return own.map((c) => ({ id: c.id, label: tax.categories[c.id], citation: c.citation }));
  const defaults = (tax.defaultCategories as Record<string, string[] | undefined>)[type] ?? [];
  return defaults.map((id) => ({ id, label: tax.categories[id] }));
}

function matches(step: NextStepData, type: ReportType, category: string | undefined, fields: StepValues): boolean {
  if (!step.types.includes(type)) return false;
  if (step.when?.categories && !(category && step.when.categories.includes(category))) return false;
  for (const [field, expected] of Object.entries(step.when?.fields ?? {})) if (fields[field] !== expected) return false;
  return true;
}

/** Next steps for a report: the legal duties that hold everywhere first, then the school's own plan. */
export function nextStepsFor(
  tax: Taxonomy,
  school: string,
  type: ReportType,
  lang: Lang,
  report: { category?: string; fields?: StepValues } = {},
): NextStep[] {
  const fields = report.fields ?? {};
  const all = [...tax.commonNextSteps, ...(tax.schools[school]?.nextSteps ?? [])];
  return all
    .filter((s) => matches(s, type, report.category, fields))
    .map((s) => ({ id: s.id, text: s[lang], roles: s.roles, citation: s.citation, legal: s.legal }));
}

/** Role ids to involve, in order of first appearance in the next steps, without duplicates. */
export function rolesFor(steps: NextStep[]): string[] {
  return [...new Set(steps.flatMap((s) => s.roles))];
}

export function meldcodeFor(tax: Taxonomy, school: string, lang: Lang): MeldcodeInfo {
  const own = tax.schools[school]?.meldcode;
  const steps = (own?.steps ?? tax.meldcode.steps).map((s) => ({ n: s.n, text: s[lang] }));
  const afwegingskader = tax.meldcode.afwegingskader.map((q) => ({ n: q.n, text: q[lang] }));
  return own ? { steps, afwegingskader, citation: own.citation } : { steps, afwegingskader, legal: tax.meldcode.source };
}
