import * as fs from 'fs';
import { z } from 'zod';
import { projectPath } from './paths';
import type { Lang } from './types';

/** cards/reports.strings.<lang>.json: every user-facing text of the Report capability. */

const flat = z.record(z.string());
const stringsSchema = z.object({
  buttons: flat,
  card: flat,
  status: flat,
  info: flat,
  steps: z.record(z.object({ title: z.string(), intro: z.string() })),
  fields: z.record(z.object({ label: z.string(), placeholder: z.string().optional(), hint: z.string().optional() })),
  options: z.record(flat),
  errors: flat,
  problems: flat,
  roles: flat,
  docs: flat,
});

export type ReportStrings = z.infer<typeof stringsSchema>;

const cache = new Map<Lang, ReportStrings>();

export function reportStrings(lang: Lang): ReportStrings {
  let s = cache.get(lang);
  if (!s) {
    s = stringsSchema.parse(JSON.parse(fs.readFileSync(projectPath('cards', `reports.strings.${lang}.json`), 'utf8')));
    cache.set(lang, s);
  }
  return s;
}

/** Fills {name} placeholders; unknown placeholders become empty so no raw braces reach the user. */
export function fill(text: string, vars: Record<string, string | number | undefined> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (vars[k] === undefined ? '' : String(vars[k]))).replace(/\s{2,}/g, ' ').trim();
}

export function roleLabel(lang: Lang, roleId: string): string {
  return reportStrings(lang).roles[roleId] ?? roleId;
}
