import * as fs from 'fs';
import { z } from 'zod';
import { REPORT_TYPES, type ReportType } from './types';

/** knowledge/reports/flows.json: which steps each report type walks through, and each step's fields. */

/**
 * `staffMember`: who of the school's role holders (people.json) a report is about, or "another staff member"
 * (STAFF_OTHER): the one it concerns never sees it (src/access/policy.ts), and a report about the director goes
 * to the board only.
 */
export const FIELD_KINDS = ['reportType', 'category', 'text', 'multiline', 'choice', 'multichoice', 'date', 'time', 'toggle', 'pupils', 'initials', 'staffMember'] as const;
export const STAFF_OTHER = 'anders';
export type FieldKind = (typeof FIELD_KINDS)[number];

const fieldSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    kind: z.enum(FIELD_KINDS),
    required: z.boolean(),
    maxLength: z.number().int().positive().optional(),
    options: z.array(z.string().min(1)).optional(),
    /** Dates: may not lie in the future (together with timeField when given). */
    notFuture: z.boolean().optional(),
    timeField: z.string().optional(),
    requiredIf: z
      .object({ field: z.string(), equals: z.string().optional(), includes: z.string().optional() })
      .refine((r) => (r.equals === undefined) !== (r.includes === undefined), 'requiredIf needs exactly one of equals/includes')
      .optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const textual = ['text', 'multiline', 'pupils', 'initials'].includes(f.kind);
    if (textual && !f.maxLength) ctx.addIssue({ code: 'custom', message: `field ${f.id}: ${f.kind} needs maxLength` });
    if ((f.kind === 'choice' || f.kind === 'multichoice') && !f.options?.length) ctx.addIssue({ code: 'custom', message: `field ${f.id}: needs options` });
  });

const stepSchema = z
  .object({
    review: z.boolean().optional(),
    info: z.array(z.enum(['acute', 'veiligThuis', 'meldcode', 'afwegingskader', 'meldplicht'])).optional(),
    fields: z.array(fieldSchema),
  })
  .strict();

const flowsSchema = z.object({
  version: z.number().int(),
  cardVersion: z.number().int().positive(),
  flows: z.record(z.enum(REPORT_TYPES), z.array(z.string()).min(2)),
  steps: z.record(stepSchema),
});

export type FieldDef = z.infer<typeof fieldSchema>;
export type InfoBlock = NonNullable<z.infer<typeof stepSchema>['info']>[number];

export interface FlowStep {
  id: string;
  review: boolean;
  info: InfoBlock[];
  fields: FieldDef[];
}

export interface Flows {
  version: number;
  cardVersion: number;
  flows: Record<ReportType, string[]>;
  steps: Record<string, FlowStep>;
}

export const TYPE_STEP = 'type';
/** Keys of Action.Submit data; a field id may not reuse them because inputs and data arrive merged. */
export const RESERVED_KEYS = ['verb', 'draftId', 'cardVersion', 'step', 'target', 'reportId', 'note'];
export const REVIEW_STEP = 'review';

export function parseFlows(raw: unknown): Flows {
  const data = flowsSchema.parse(raw);
  const problems: string[] = [];
  const steps: Record<string, FlowStep> = {};
  for (const [id, s] of Object.entries(data.steps)) steps[id] = { id, review: s.review ?? false, info: s.info ?? [], fields: s.fields };
  for (const type of REPORT_TYPES) {
    const list = data.flows[type];
    if (!list) { problems.push(`flows.${type} missing`); continue; }
    if (list[0] !== TYPE_STEP || list[list.length - 1] !== REVIEW_STEP) problems.push(`flows.${type} must start with "type" and end with "review"`);
    const seen = new Set<string>();
    for (const stepId of list) {
      const step = steps[stepId];
      if (!step) { problems.push(`flows.${type}: unknown step ${stepId}`); continue; }
      for (const f of step.fields) {
        // Field ids are flattened into report.fields, so they must be unique within one flow.
        if (RESERVED_KEYS.includes(f.id)) problems.push(`step ${stepId}: field id ${f.id} is reserved`);
        if (seen.has(f.id)) problems.push(`flows.${type}: field id ${f.id} used twice`);
        seen.add(f.id);
        if (f.requiredIf && !step.fields.some((o) => o.id === f.requiredIf!.field)) problems.push(`step ${stepId}: requiredIf refers to unknown field ${f.requiredIf.field}`);
        if (f.timeField && !step.fields.some((o) => o.id === f.timeField && o.kind === 'time')) problems.push(`step ${stepId}: timeField ${f.timeField} is not a time field of the step`);
      }
    }
  }
  if (problems.length) throw new Error(`flows.json is inconsistent:\n${problems.join('\n')}`);
  return { version: data.version, cardVersion: data.cardVersion, flows: data.flows as Record<ReportType, string[]>, steps };
}

export function loadFlows(file: string): Flows {
  return parseFlows(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** The step ids of a type's flow; before a type is chosen only the type step exists. */
export function stepIdsFor(flows: Flows, type: ReportType | undefined): string[] {
  return type ? flows.flows[type] : [TYPE_STEP];
}

export function getStep(flows: Flows, stepId: string): FlowStep {
  const step = flows.steps[stepId];
  if (!step) throw new Error(`unknown step ${stepId}`);
  return step;
}
