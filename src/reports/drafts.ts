import { z } from 'zod';
import { REVIEW_STEP, STAFF_OTHER, TYPE_STEP, getStep, stepIdsFor, type Flows } from './flows';
import { ReportProblem } from './errors';
import { typeHasCategory, type Taxonomy } from './taxonomy';
import { toRaw, validateStep, type ValidationContext } from './validation';
import type { Draft, FieldErrors, Lang, ReportType, SubmitInput } from './types';

/** The draft state machine: pure functions from (draft, card action, now) to the next draft and what to show. */

export const REPORT_VERBS = [
  'report.start',
  'report.next',
  'report.back',
  'report.cancel',
  'report.edit',
  'report.submit',
  'report.resume',
  'report.discard',
  'report.list',
  'report.addInfo',
  'report.view',
] as const;
export type ReportVerb = (typeof REPORT_VERBS)[number];

/** Verbs that act on a draft and so must carry draftId and cardVersion. */
const DRAFT_VERBS: ReportVerb[] = ['report.next', 'report.back', 'report.cancel', 'report.edit', 'report.submit', 'report.resume', 'report.discard'];

export interface CardAction {
  verb: ReportVerb;
  draftId?: string;
  cardVersion?: number;
  /** The step the card was showing. */
  step?: string;
  /** report.edit: the step to jump to. report.start: a preselected type. */
  target?: string;
  reportId?: string;
  note?: string;
  /** report.list: the page to show. */
  page?: number;
  /** Everything else in the submit: the card's input values. */
  inputs: Record<string, unknown>;
}

const actionSchema = z
  .object({
    verb: z.string(),
    draftId: z.string().min(1).max(100).optional(),
    cardVersion: z.coerce.number().int().optional(),
    step: z.string().max(50).optional(),
    target: z.string().max(50).optional(),
    reportId: z.string().max(30).optional(),
    note: z.string().optional(),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .passthrough();

/** Reads Action.Submit data (data and inputs arrive merged in activity.value). */
export function parseCardAction(value: unknown): CardAction {
  const parsed = actionSchema.safeParse(value);
  if (!parsed.success) throw new ReportProblem('invalidAction');
  const { verb, draftId, cardVersion, step, target, reportId, note, page, ...inputs } = parsed.data;
  if (!(REPORT_VERBS as readonly string[]).includes(verb)) throw new ReportProblem('unknownVerb');
  const action: CardAction = { verb: verb as ReportVerb, draftId, cardVersion, step, target, reportId, note, page, inputs };
  if (DRAFT_VERBS.includes(action.verb) && (!draftId || cardVersion === undefined)) throw new ReportProblem('invalidAction');
  return action;
}

/**
 * Refuses tampered or stale actions: someone else's draft, a draft already submitted or cancelled,
 * a card from an older card version, a card of a step the draft has already left.
 */
export function checkDraftAction(draft: Draft | undefined, action: CardAction, userId: string, currentCardVersion: number): void {
  // Someone else's draft looks exactly like one that does not exist.
  if (!draft || draft.userId !== userId) throw new ReportProblem('draftNotFound');
  if (draft.status === 'submitted') throw new ReportProblem('alreadySubmitted', { id: draft.reportId ?? '' });
  if (draft.status === 'cancelled') throw new ReportProblem('draftCancelled');
  if (action.cardVersion === undefined || action.cardVersion < currentCardVersion) throw new ReportProblem('staleCard');
  const stepBound = action.verb === 'report.next' || action.verb === 'report.back' || action.verb === 'report.edit' || action.verb === 'report.submit';
  if (stepBound && action.step !== draft.stepId) throw new ReportProblem('staleStep');
  if (action.verb === 'report.submit' && draft.stepId !== REVIEW_STEP) throw new ReportProblem('staleStep');
}

export interface StartDraftParams {
  id: string;
  userId: string;
  userName: string;
  school: string;
  lang: Lang;
  now: Date;
  cardVersion: number;
  /** Preselected from the user's words ("ik maak me zorgen over een leerling" → zorg-thuissituatie). */
  type?: ReportType;
}

export function startDraft(p: StartDraftParams, flows: Flows): Draft {
  const at = p.now.toISOString();
  const draft: Draft = {
    id: p.id, userId: p.userId, userName: p.userName, school: p.school, lang: p.lang,
    stepId: TYPE_STEP, answers: {}, status: 'open', cardVersion: p.cardVersion, createdAt: at, updatedAt: at,
  };
  if (!p.type) return draft;
  return { ...draft, type: p.type, answers: { [TYPE_STEP]: { type: p.type } }, stepId: stepIdsFor(flows, p.type)[1] };
}

export interface EngineDeps {
  flows: Flows;
  tax: Taxonomy;
  now: Date;
  staffOf?: ValidationContext['staffOf'];
}

export type DraftOutcome =
  /** Show the card of draft.stepId (the review card when it is the review step). */
  | { kind: 'step'; draft: Draft }
  /** Show the same step again with the user's values and these errors. */
  | { kind: 'invalid'; draft: Draft; errors: FieldErrors }
  | { kind: 'cancelled'; draft: Draft }
  /** Everything is valid: store this, then call markSubmitted. */
  | { kind: 'submit'; draft: Draft; input: SubmitInput };

function touch(draft: Draft, now: Date, patch: Partial<Draft>): Draft {
  const next: Draft = { ...draft, ...patch, updatedAt: now.toISOString() };
  if (!('pending' in patch)) delete next.pending;
  return next;
}

/** Applies a checked action (see checkDraftAction) to a draft. */
export function applyDraftAction(draft: Draft, action: CardAction, deps: EngineDeps): DraftOutcome {
  const { flows, now } = deps;
  const steps = stepIdsFor(flows, draft.type);
  const index = steps.indexOf(draft.stepId);
  switch (action.verb) {
    case 'report.cancel':
    case 'report.discard':
      return { kind: 'cancelled', draft: touch(draft, now, { status: 'cancelled' }) };
    case 'report.back': {
      const target = draft.stepId === REVIEW_STEP ? steps[steps.length - 2] : steps[Math.max(0, index - 1)];
      return { kind: 'step', draft: touch(draft, now, { stepId: target, returnToReview: false }) };
    }
    case 'report.edit': {
      const target = action.target ?? '';
      if (draft.stepId !== REVIEW_STEP || !steps.includes(target) || target === REVIEW_STEP) throw new ReportProblem('invalidAction');
      return { kind: 'step', draft: touch(draft, now, { stepId: target, returnToReview: true }) };
    }
    case 'report.resume':
      return { kind: 'step', draft: touch(draft, now, { reminderSentAt: undefined }) };
    case 'report.next':
      return nextStep(draft, action, deps);
    case 'report.submit':
      return submitDraft(draft, deps);
    default:
      throw new ReportProblem('unknownVerb');
  }
}

function nextStep(draft: Draft, action: CardAction, deps: EngineDeps): DraftOutcome {
  const { flows, tax, now } = deps;
  const step = getStep(flows, draft.stepId);
  if (step.review) throw new ReportProblem('staleStep');
  const result = validateStep(step, action.inputs, { tax, school: draft.school, type: draft.type, now, lang: draft.lang, staffOf: deps.staffOf });
  if (!result.ok) {
    return { kind: 'invalid', draft: touch(draft, now, { pending: { stepId: step.id, values: result.raw } }), errors: result.errors };
  }
  let answers = { ...draft.answers, [step.id]: result.values };
  let type = draft.type;
  let returnToReview = draft.returnToReview ?? false;
  if (step.id === TYPE_STEP) {
    const chosen = result.values.type as ReportType;
    if (chosen !== draft.type) {
      // Another type means another flow: keep only answers of steps that the new flow also has, minus the category.
      const keep = new Set(stepIdsFor(flows, chosen));
      answers = Object.fromEntries(Object.entries(answers).filter(([id]) => keep.has(id) && id !== 'category'));
      returnToReview = false;
    }
    type = chosen;
  }
  const steps = stepIdsFor(flows, type);
  const following = returnToReview ? REVIEW_STEP : steps[steps.indexOf(step.id) + 1];
  return { kind: 'step', draft: touch(draft, now, { type, answers, stepId: following, returnToReview: false }) };
}

/** Re-validates every step (a category list may have changed since) and builds the store input. */
function submitDraft(draft: Draft, deps: EngineDeps): DraftOutcome {
  const { flows, tax, now } = deps;
  if (!draft.type) throw new ReportProblem('staleStep');
  const fields: SubmitInput['fields'] = {};
  for (const stepId of stepIdsFor(flows, draft.type)) {
    const step = getStep(flows, stepId);
    if (step.review) continue;
    const result = validateStep(step, toRaw(draft.answers[stepId]), { tax, school: draft.school, type: draft.type, now, lang: draft.lang, staffOf: deps.staffOf });
    if (!result.ok) {
      return { kind: 'invalid', draft: touch(draft, now, { stepId, returnToReview: true, pending: { stepId, values: result.raw } }), errors: result.errors };
    }
    Object.assign(fields, result.values);
  }
  delete fields.type;
  const category = typeHasCategory(tax, draft.type) ? (fields.category as string | undefined) : undefined;
  delete fields.category;
  // The staff member it is about (a staffMember field) and the reporter's "ernstig" (a toggle with id severe).
  const concerned = stepIdsFor(flows, draft.type).flatMap((id) => getStep(flows, id).fields).filter((f) => f.kind === 'staffMember').map((f) => fields[f.id]);
  const personKey = concerned.find((v): v is string => typeof v === 'string' && v !== STAFF_OTHER);
  return {
    kind: 'submit',
    draft,
    input: {
      draftId: draft.id, school: draft.school, type: draft.type, category, fields,
      reporter: { id: draft.userId, name: draft.userName }, lang: draft.lang, createdAt: draft.createdAt,
      ...(personKey ? { concerns: { personKey } } : {}),
      ...(fields.severe === true ? { severe: true } : {}),
    },
  };
}

export function markSubmitted(draft: Draft, reportId: string, now: Date): Draft {
  return touch(draft, now, { status: 'submitted', reportId });
}

export function markReminded(draft: Draft, now: Date): Draft {
  return { ...draft, reminderSentAt: now.toISOString() };
}

export interface DraftPolicy {
  /** An open draft untouched this long gets one reminder. */
  maxAgeMs: number;
  /** After the reminder, this long without activity and the draft is discarded. */
  graceAfterReminderMs: number;
  /** Submitted and cancelled drafts are kept this long to answer clicks on old cards. */
  keepClosedMs: number;
}

const DAY = 24 * 60 * 60 * 1000;
export const DRAFT_POLICY: DraftPolicy = { maxAgeMs: 7 * DAY, graceAfterReminderMs: DAY, keepClosedMs: 30 * DAY };

export type DraftFate = 'keep' | 'remind' | 'discard';

/** Decides what the scheduler does with a draft now: nothing, send the one reminder, or discard it. */
export function draftFate(draft: Draft, now: Date, policy: DraftPolicy = DRAFT_POLICY): DraftFate {
  const idle = now.getTime() - Date.parse(draft.updatedAt);
  if (draft.status !== 'open') return idle >= policy.keepClosedMs ? 'discard' : 'keep';
  if (idle < policy.maxAgeMs) return 'keep';
  const reminded = draft.reminderSentAt ? Date.parse(draft.reminderSentAt) : undefined;
  // A reminder older than the last activity does not count: the user came back after it.
  if (reminded === undefined || reminded < Date.parse(draft.updatedAt)) return 'remind';
  return now.getTime() - reminded >= policy.graceAfterReminderMs ? 'discard' : 'keep';
}
