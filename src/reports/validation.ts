import { z } from 'zod';
import { isCalendarDate, schoolClock } from '../time';
import { STAFF_OTHER, type FieldDef, type FlowStep } from './flows';
import { rt } from './strings';
import { categoriesFor, type Taxonomy } from './taxonomy';
import { REPORT_TYPES, type FieldErrors, type FieldValue, type Lang, type ReportType, type StepValues } from './types';

/** Server-side validation of one step submit. Card inputs arrive as strings; anything else is refused. */

export interface ValidationContext {
  tax: Taxonomy;
  school: string;
  /** The report type chosen so far (for the category list). */
  type?: ReportType;
  now: Date;
  lang: Lang;
  /** The school's role holders (people.json), for a staffMember field; without it only "another staff member". */
  staffOf?: (school: string) => { key: string; name: string }[];
}

export type StepValidation =
  | { ok: true; values: StepValues }
  | { ok: false; errors: FieldErrors; raw: Record<string, string> };

/** The validation messages of one language, each looked up by the strings module's one rule. */
function errorTexts(lang: Lang): Record<'unknownOption' | 'initials' | 'pupils' | 'date' | 'future' | 'time' | 'toggle' | 'unknownType' | 'unknownCategory' | 'required', string> {
  const keys = ['unknownOption', 'initials', 'pupils', 'date', 'future', 'time', 'toggle', 'unknownType', 'unknownCategory', 'required'] as const;
  return Object.fromEntries(keys.map((k) => [k, rt(lang, `errors.${k}`)])) as Record<(typeof keys)[number], string>;
}

// Control characters other than tab/newline never belong in a report (they also break some renderers).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

const INITIALS = /^(?:[A-Za-zÀ-ÖØ-öø-ÿ]{1,2}\.){1,6}$/;
/** A group is "5B", "groep 7", "stamgroep Zon", "unit 2": a digit, or a group word in front. */
const GROUP = /^(?=.*\d|(?:groep|stamgroep|unit|bouw|klas|kleutergroep|group)\b).{1,20}$/i;

export function normalizeInitials(s: string): string | null {
  const compact = s.replace(/\s+/g, '');
  return INITIALS.test(compact) ? compact : null;
}

/** "5B J.d.V.; 7 K.M." → ["5B J.d.V.", "7 K.M."], or null when an entry is not group + initials. */
export function parsePupils(s: string): string[] | null {
  const entries = s.split(/[;\n]/).map((e) => e.trim()).filter(Boolean);
  const out: string[] = [];
  for (const entry of entries) {
    const m = /^(.*?)\s+((?:[A-Za-zÀ-ÖØ-öø-ÿ]{1,2}\.\s*)+)$/.exec(entry);
    if (!m) return null;
    const group = m[1].trim();
    const initials = normalizeInitials(m[2]);
    if (!initials || !GROUP.test(group)) return null;
    out.push(`${group} ${initials}`);
  }
  return out;
}

/** The zod schema for one field: raw card string in, validated value (or undefined when empty) out. */
function fieldSchema(field: FieldDef, ctx: ValidationContext): z.ZodType<FieldValue | undefined, z.ZodTypeDef, unknown> {
  const e = errorTexts(ctx.lang);
  const raw = z.string({ invalid_type_error: e.unknownOption }).optional().transform((v) => (v === undefined ? '' : cleanText(v)));
  const nonEmpty = <T extends FieldValue>(map: (v: string, c: z.RefinementCtx) => T | typeof z.NEVER) =>
    raw.transform((v, c) => (v === '' ? undefined : map(v, c)));
  const fail = (c: z.RefinementCtx, message: string) => {
    c.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  const maxLen = (v: string, c: z.RefinementCtx) =>
    field.maxLength !== undefined && v.length > field.maxLength ? fail(c, rt(ctx.lang, 'errors.tooLong', { max: field.maxLength, length: v.length })) : v;

  switch (field.kind) {
    case 'text':
    case 'multiline':
      return nonEmpty((v, c) => maxLen(field.kind === 'text' ? v.replace(/\s*\n\s*/g, ' ') : v, c));
    case 'initials':
      return nonEmpty((v, c) => (maxLen(v, c) === z.NEVER ? z.NEVER : normalizeInitials(v) ?? fail(c, e.initials)));
    case 'pupils':
      return nonEmpty((v, c) => {
        if (maxLen(v, c) === z.NEVER) return z.NEVER;
        const pupils = parsePupils(v);
        return pupils ? pupils.join('; ') : fail(c, e.pupils);
      });
    case 'date':
      return nonEmpty((v, c) => {
        if (!isCalendarDate(v)) return fail(c, e.date);
        return field.notFuture && v > schoolClock(ctx.now).date ? fail(c, e.future) : v;
      });
    case 'time':
      return nonEmpty((v, c) => (/^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? v : fail(c, e.time)));
    case 'toggle':
      // An unset Input.Toggle sends its valueOff ("false") or nothing at all.
      return raw.transform((v, c) => (v === '' || v === 'false' ? false : v === 'true' ? true : fail(c, e.toggle)));
    case 'choice':
      return nonEmpty((v, c) => (field.options?.includes(v) ? v : fail(c, e.unknownOption)));
    case 'multichoice':
      return nonEmpty((v, c) => {
        const ids = [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))];
        return ids.length && ids.every((id) => field.options?.includes(id)) ? ids : fail(c, e.unknownOption);
      });
    case 'reportType':
      return nonEmpty((v, c) => ((REPORT_TYPES as readonly string[]).includes(v) ? v : fail(c, e.unknownType)));
    case 'staffMember':
      return nonEmpty((v, c) => (v === STAFF_OTHER || (ctx.staffOf?.(ctx.school) ?? []).some((p) => p.key === v) ? v : fail(c, e.unknownOption)));
    case 'category':
      return nonEmpty((v, c) => {
        const known = ctx.type ? categoriesFor(ctx.tax, ctx.school, ctx.type).map((o) => o.id) : [];
        return known.includes(v) ? v : fail(c, e.unknownCategory);
      });
  }
}

function isRequired(field: FieldDef, values: Record<string, FieldValue | undefined>): boolean {
  if (field.required) return true;
  const cond = field.requiredIf;
  if (!cond) return false;
  const other = values[cond.field];
  if (cond.equals !== undefined) return other === cond.equals;
  return Array.isArray(other) && cond.includes !== undefined && other.includes(cond.includes);
}

/** Validates the inputs of one step. Errors come back per field, in the user's language. */
export function validateStep(step: FlowStep, input: unknown, ctx: ValidationContext): StepValidation {
  const e = errorTexts(ctx.lang);
  const source: Record<string, unknown> = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const raw: Record<string, string> = {};
  for (const f of step.fields) if (typeof source[f.id] === 'string') raw[f.id] = source[f.id] as string;

  const shape: Record<string, z.ZodType<FieldValue | undefined, z.ZodTypeDef, unknown>> = {};
  for (const f of step.fields) shape[f.id] = fieldSchema(f, ctx);
  const schema = z.object(shape).superRefine((values, c) => {
    for (const f of step.fields) {
      const v = values[f.id];
      if ((v === undefined || v === false) && f.kind !== 'toggle' && isRequired(f, values)) c.addIssue({ code: 'custom', path: [f.id], message: e.required });
      // A date of today with a time later than now is still in the future.
      if (f.kind === 'date' && f.notFuture && f.timeField && typeof v === 'string') {
        const t = values[f.timeField];
        const clock = schoolClock(ctx.now);
        if (typeof t === 'string' && v === clock.date && t > clock.time) c.addIssue({ code: 'custom', path: [f.timeField], message: e.future });
      }
    }
  });

  const result = schema.safeParse(source);
  if (result.success) {
    const values: StepValues = {};
    for (const [k, v] of Object.entries(result.data)) if (v !== undefined) values[k] = v;
    return { ok: true, values };
  }
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return { ok: false, errors, raw };
}

/** Stored values back to the strings a card input would send (for re-validation and pre-filling inputs). */
export function toRaw(values: StepValues | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values ?? {})) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}
