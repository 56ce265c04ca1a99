/**
 * knowledge/alerts.json: which reports alert which roles, how urgently, and the escalation chain. The schema and
 * its cross-checks (report types, categories of taxonomy.json, fields and options of flows.json, people ROLES,
 * schools and boards of schools.json) live here, and so does `alertPlan`, the pure evaluation of the rules for
 * one report. No Teams types; I/O only in `loadAlertRules`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { ROLES, type Role } from '../people/schema';
import type { SchoolList } from '../knowledge/schools';
import { REPORT_TYPES, type FieldValue, type ReportType } from '../reports/types';
import { categoriesFor, loadTaxonomy, type Taxonomy } from '../reports/taxonomy';
import { loadFlows, type FieldDef, type Flows } from '../reports/flows';

export const URGENCIES = ['direct', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;
const role = z.enum(ROLES);
const legal = z.object({ law: z.string().min(1), article: z.string().min(1).optional() }).strict();

const fieldCondition = z.union([
  z.object({ field: z.string().min(1), equals: z.union([z.string().min(1), z.boolean()]) }).strict(),
  z.object({ field: z.string().min(1), in: z.array(z.string().min(1)).min(1) }).strict(),
]);

const whenSchema = z
  .object({
    /** Absent: every report type. */
    type: z.enum(REPORT_TYPES).optional(),
    /** Any of these categories (only for a type with categories). */
    categories: z.array(z.string().min(1)).min(1).optional(),
    /** All must hold. */
    fields: z.array(fieldCondition).min(1).optional(),
    /** The reporter marked the report "ernstig". */
    severe: z.literal(true).optional(),
  })
  .strict();

const escalationStep = z
  .object({
    afterMinutes: z.number().int().positive(),
    roles: z.array(role).min(1),
    note: z.string().optional(),
  })
  .strict();

const activeRule = z
  .object({
    id: z.string().regex(RULE_ID, 'rule ids are lower-case kebab-case'),
    $comment: z.string().optional(),
    legal: legal.optional(),
    when: whenSchema,
    notify: z.array(z.object({ roles: z.array(role).min(1), urgency: z.enum(URGENCIES) }).strict()).min(1),
    /** When the report concerns the director: board only (directeur and adjunct-directeur are left out). */
    directorConcerned: z.literal('boardOnly').optional(),
    escalate: z.array(escalationStep).optional(),
    disabled: z.literal(false).optional(),
  })
  .strict();

const disabledRule = z
  .object({ id: z.string().regex(RULE_ID, 'rule ids are lower-case kebab-case'), $comment: z.string().optional(), disabled: z.literal(true) })
  .strict();

// Discriminated on `disabled` (absent = an active rule) so an error inside a rule names the field, not just the union.
const ruleEntry = z.discriminatedUnion('disabled', [activeRule, disabledRule]);
const ruleSet = z.object({ $comment: z.string().optional(), rules: z.array(ruleEntry) }).strict();

const alertsFileSchema = z
  .object({
    $comment: z.string().optional(),
    version: z.literal(1),
    default: z.object({ $comment: z.string().optional(), rules: z.array(activeRule) }).strict(),
    boards: z.record(ruleSet).optional(),
    schools: z.record(ruleSet).optional(),
  })
  .strict();

export type AlertRule = z.infer<typeof activeRule>;
export type DisabledRule = z.infer<typeof disabledRule>;
export type RuleEntry = z.infer<typeof ruleEntry>;
export type FieldCondition = z.infer<typeof fieldCondition>;
export type EscalationStep = z.infer<typeof escalationStep>;

/** The validated rules: defaults, and overrides per board and per school (each a list of rules or switch-offs). */
export interface AlertRules {
  default: AlertRule[];
  boards: Record<string, RuleEntry[]>;
  schools: Record<string, RuleEntry[]>;
}

/** What a report looks like to the rules: no free text is needed, only ids, choices and toggles. */
export interface AlertReport {
  school: string;
  type: ReportType;
  category?: string;
  fields: Record<string, FieldValue>;
  /** The reporter marked it "ernstig". */
  severe?: boolean;
  /** The report is about the school's director. */
  concernsDirector?: boolean;
}

export interface AlertRecipient {
  role: Role;
  urgency: Urgency;
  /** Ids of the rules that alert this role. */
  rules: string[];
}

export interface AlertPlan {
  /** Empty: the report alerts no one. */
  recipients: AlertRecipient[];
  /** When nobody has acknowledged after afterMinutes (from submission), alert a person of these roles. */
  escalation: { afterMinutes: number; roles: Role[] }[];
  /** Ids of the matching rules, in rule order. */
  matched: string[];
}

/** What the rules are checked against. */
export interface AlertRulesContext {
  schools: SchoolList;
  taxonomy: Taxonomy;
  flows: Flows;
}

/** Roles an alert may never go to: the admin sees operational data only, never a report. */
const NEVER_ALERTED: readonly Role[] = ['admin'];
const DIRECTOR_ROLES: readonly Role[] = ['directeur', 'adjunct-directeur'];
const CONDITION_KINDS: readonly FieldDef['kind'][] = ['choice', 'multichoice', 'toggle'];

/**
 * Validate raw alerts.json content against the knowledge it refers to. Every problem is reported at once, each
 * naming its place and rule ("schools.de-campus rule "incident-ernstig": …").
 */
export function parseAlertRules(raw: unknown, ctx: AlertRulesContext, source = 'alerts.json'): AlertRules {
  const parsed = alertsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${describePath(raw, i.path)}: ${i.message}`);
    throw new Error(`${source} is ongeldig / invalid:\n${problems.join('\n')}`);
  }
  const file = parsed.data;
  const problems: string[] = [];
  const schoolIds = new Set(ctx.schools.schools.map((s) => s.id));
  const boardIds = new Set(ctx.schools.boards.map((b) => b.id));

  const defaults = new Map<string, AlertRule>();
  checkRuleSet('default', file.default.rules, ctx.schools.schools.map((s) => s.id), new Map(), ctx, problems, true);
  for (const r of file.default.rules) defaults.set(r.id, r);

  for (const [board, rules] of Object.entries(file.boards ?? {})) {
    if (!boardIds.has(board)) {
      problems.push(`boards.${board}: unknown board "${board}" (not in schools.json)`);
      continue;
    }
    const schoolsOfBoard = ctx.schools.schools.filter((s) => s.board === board).map((s) => s.id);
    checkRuleSet(`boards.${board}`, rules.rules, schoolsOfBoard, defaults, ctx, problems, false);
  }
  for (const [school, rules] of Object.entries(file.schools ?? {})) {
    if (!schoolIds.has(school)) {
      problems.push(`schools.${school}: unknown school "${school}" (not in schools.json)`);
      continue;
    }
    const board = ctx.schools.schools.find((s) => s.id === school)?.board;
    const inherited = new Map(defaults);
    for (const e of (board && file.boards?.[board]?.rules) || []) {
      if (e.disabled === true) inherited.delete(e.id);
      else inherited.set(e.id, e);
    }
    checkRuleSet(`schools.${school}`, rules.rules, [school], inherited, ctx, problems, false);
  }
  if (problems.length) throw new Error(`${source} is ongeldig / invalid:\n${problems.join('\n')}`);
  return {
    default: file.default.rules,
    boards: Object.fromEntries(Object.entries(file.boards ?? {}).map(([k, v]) => [k, v.rules])),
    schools: Object.fromEntries(Object.entries(file.schools ?? {}).map(([k, v]) => [k, v.rules])),
  };
}

/**
 * Read and validate an alerts file. Taxonomy and flows are read from `<dir of file>/reports/` (the knowledge
 * folder's layout); the school list is passed in (loadSchools).
 */
export function loadAlertRules(file: string, schools: SchoolList): AlertRules {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is onleesbaar / unreadable: ${(err as Error).message}`);
  }
  const dir = path.join(path.dirname(file), 'reports');
  const taxonomy = loadTaxonomy(path.join(dir, 'taxonomy.json'), schools.schools);
  const flows = loadFlows(path.join(dir, 'flows.json'));
  return parseAlertRules(raw, { schools, taxonomy, flows }, file);
}

/** The rules in force at a school: default, then its board's overrides, then its own, per rule id. */
export function rulesForSchool(rules: AlertRules, school: string, board: string | undefined): AlertRule[] {
  const effective = new Map<string, AlertRule>();
  for (const r of rules.default) effective.set(r.id, r);
  const apply = (entries: RuleEntry[] | undefined) => {
    for (const e of entries ?? []) {
      if (e.disabled === true) effective.delete(e.id);
      else effective.set(e.id, e); // Map keeps the position of a replaced id; new ids go to the end.
    }
  };
  if (board !== undefined) apply(rules.boards[board]);
  apply(rules.schools[school]);
  return [...effective.values()];
}

/** Does one rule match the report? Pure. */
export function ruleMatches(rule: AlertRule, report: AlertReport): boolean {
  const w = rule.when;
  if (w.type !== undefined && w.type !== report.type) return false;
  if (w.categories && !(report.category !== undefined && w.categories.includes(report.category))) return false;
  if (w.severe && report.severe !== true) return false;
  for (const c of w.fields ?? []) if (!conditionHolds(c, report.fields[c.field])) return false;
  return true;
}

function conditionHolds(c: FieldCondition, value: FieldValue | undefined): boolean {
  if (value === undefined) return false;
  const wanted: (string | boolean)[] = 'equals' in c ? [c.equals] : c.in;
  if (Array.isArray(value)) return value.some((v) => wanted.includes(v));
  return wanted.includes(value);
}

/**
 * Who is alerted for a report, how urgently, and the escalation chain. Recipients are merged over all matching
 * rules (a role once, with its most urgent urgency); escalation is the steps of the matching rules that alert
 * someone directly, merged by time. When the report concerns the director and a matching rule says
 * directorConcerned "boardOnly", directeur and adjunct-directeur are left out everywhere. No I/O.
 */
export function alertPlan(rules: AlertRules, report: AlertReport, boardOf: (school: string) => string | undefined): AlertPlan {
  const matching = rulesForSchool(rules, report.school, boardOf(report.school)).filter((r) => ruleMatches(r, report));
  const boardOnly = report.concernsDirector === true && matching.some((r) => r.directorConcerned === 'boardOnly');
  const allowed = (r: Role) => !(boardOnly && DIRECTOR_ROLES.includes(r));

  const byRole = new Map<Role, AlertRecipient>();
  for (const rule of matching) {
    for (const group of rule.notify) {
      for (const r of group.roles) {
        if (!allowed(r)) continue;
        const cur = byRole.get(r);
        if (!cur) byRole.set(r, { role: r, urgency: group.urgency, rules: [rule.id] });
        else {
          if (group.urgency === 'direct') cur.urgency = 'direct';
          if (!cur.rules.includes(rule.id)) cur.rules.push(rule.id);
        }
      }
    }
  }
  const recipients = [...byRole.values()].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));

  const byTime = new Map<number, Role[]>();
  for (const rule of matching) {
    // Only a rule that still alerts someone directly (after the director-concerned filter) escalates.
    if (!rule.notify.some((g) => g.urgency === 'direct' && g.roles.some(allowed))) continue;
    for (const step of rule.escalate ?? []) {
      const roles = byTime.get(step.afterMinutes) ?? [];
      for (const r of step.roles) if (allowed(r) && !roles.includes(r)) roles.push(r);
      byTime.set(step.afterMinutes, roles);
    }
  }
  const escalation = [...byTime.entries()]
    .filter(([, roles]) => roles.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([afterMinutes, roles]) => ({ afterMinutes, roles: [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)) }));

  return { recipients, escalation: recipients.length ? escalation : [], matched: matching.map((r) => r.id) };
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-checks

function checkRuleSet(
  where: string,
  entries: RuleEntry[],
  schools: string[],
  inherited: Map<string, AlertRule>,
  ctx: AlertRulesContext,
  problems: string[],
  isDefault: boolean,
): void {
  const seen = new Set<string>();
  for (const e of entries) {
    const at = `${where} rule "${e.id}"`;
    if (seen.has(e.id)) problems.push(`${at}: duplicate rule id in ${where}`);
    seen.add(e.id);
    const base = inherited.get(e.id);
    if (e.disabled === true) {
      if (!base) problems.push(`${at}: switches off a rule that is not inherited here (no default or board rule "${e.id}")`);
      else if (base.legal) problems.push(`${at}: may not be switched off: it carries a legal duty (${base.legal.law}${base.legal.article ? ` ${base.legal.article}` : ''})`);
      continue;
    }
    checkRule(at, e, schools, ctx, problems);
    if (!isDefault && base?.legal) {
      const direct = (r: AlertRule) => new Set(r.notify.filter((g) => g.urgency === 'direct').flatMap((g) => g.roles));
      const kept = direct(e);
      const dropped = [...direct(base)].filter((r) => !kept.has(r));
      if (dropped.length) problems.push(`${at}: overrides a rule with a legal duty but no longer alerts ${dropped.join(', ')} directly`);
    }
  }
}

function checkRule(at: string, rule: AlertRule, schools: string[], ctx: AlertRulesContext, problems: string[]): void {
  const { when } = rule;
  const typeInfo = when.type ? ctx.taxonomy.types.find((t) => t.id === when.type) : undefined;
  if (when.type && !typeInfo) problems.push(`${at}: report type "${when.type}" is not in taxonomy.json`);

  if (when.categories) {
    if (!when.type) problems.push(`${at}: categories need a report type`);
    else if (typeInfo && !typeInfo.hasCategory) problems.push(`${at}: report type "${when.type}" has no categories`);
    else {
      const offered = new Set(schools.flatMap((s) => categoriesFor(ctx.taxonomy, s, when.type!).map((c) => c.id)));
      for (const c of when.categories) {
        if (!ctx.taxonomy.categories[c]) problems.push(`${at}: unknown category "${c}" (not in taxonomy.json)`);
        else if (!offered.has(c)) problems.push(`${at}: category "${c}" is not a category of type ${when.type} at ${schools.length === 1 ? `school ${schools[0]}` : `any school here (${schools.join(', ')})`} in taxonomy.json`);
      }
    }
  }

  for (const c of when.fields ?? []) {
    const types = when.type ? [when.type] : [...REPORT_TYPES];
    const defs = types.flatMap((t) => (ctx.flows.flows[t] ?? []).flatMap((s) => ctx.flows.steps[s]?.fields ?? [])).filter((f) => f.id === c.field);
    if (!defs.length) {
      problems.push(`${at}: unknown field "${c.field}"${when.type ? ` (the ${when.type} flow in flows.json has no such field)` : ' (not in flows.json)'}`);
      continue;
    }
    for (const def of defs) {
      if (!CONDITION_KINDS.includes(def.kind)) {
        problems.push(`${at}: field "${c.field}" is ${def.kind}; conditions only on choice, multichoice or toggle fields (never on free text)`);
        continue;
      }
      if (def.kind === 'toggle') {
        if (!('equals' in c) || typeof c.equals !== 'boolean') problems.push(`${at}: field "${c.field}" is a toggle: use "equals": true or false`);
        continue;
      }
      const values = 'equals' in c ? [c.equals] : c.in;
      for (const v of values) {
        if (typeof v !== 'string' || !(def.options ?? []).includes(v)) problems.push(`${at}: field "${c.field}" has no option ${JSON.stringify(v)} (options: ${(def.options ?? []).join(', ')})`);
      }
    }
  }

  const notified = new Set<Role>();
  for (const g of rule.notify) {
    for (const r of g.roles) {
      if (NEVER_ALERTED.includes(r)) problems.push(`${at}: role "${r}" is never alerted (operational data only)`);
      if (notified.has(r)) problems.push(`${at}: role "${r}" is named twice in notify`);
      notified.add(r);
    }
  }
  const hasDirect = rule.notify.some((g) => g.urgency === 'direct');
  const steps = rule.escalate ?? [];
  if (steps.length && !hasDirect) problems.push(`${at}: escalate needs a direct recipient (only direct alerts escalate)`);
  steps.forEach((s, i) => {
    if (i > 0 && s.afterMinutes <= steps[i - 1].afterMinutes) problems.push(`${at}: escalate steps must be in increasing afterMinutes (${steps[i - 1].afterMinutes} then ${s.afterMinutes})`);
    for (const r of s.roles) if (NEVER_ALERTED.includes(r)) problems.push(`${at}: role "${r}" is never alerted (operational data only)`);
  });
  if (rule.directorConcerned === 'boardOnly' && !notified.has('bestuur')) problems.push(`${at}: directorConcerned "boardOnly" needs "bestuur" in notify`);
}

/** "schools.de-campus rule "x".notify.0.roles.1" for a zod issue path, naming the rule by its id when it has one. */
function describePath(raw: unknown, issuePath: (string | number)[]): string {
  let node: unknown = raw;
  let out = '';
  for (const key of issuePath) {
    const child = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
    const id = child !== null && typeof child === 'object' && typeof (child as { id?: unknown }).id === 'string' ? (child as { id: string }).id : undefined;
    if (key === 'rules') {
      node = child;
      continue;
    }
    out += id !== undefined && typeof key === 'number' ? ` rule "${id}"` : `${out ? '.' : ''}${key}`;
    node = child;
  }
  return out || '(file)';
}
