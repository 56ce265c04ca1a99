/** The Report capability's domain model. Pure data: no Teams types, no I/O. */
import type { Role } from '../people/schema';

export type Lang = 'nl' | 'en';

export const REPORT_TYPES = ['incident', 'zorg-thuissituatie', 'vermoeden-zedendelict', 'ongeval', 'agressie-personeel'] as const;
/** incident | zorg over thuissituatie (meldcode) | vermoeden zedendelict (meldplicht) | ongeval | agressie tegen personeel. */
export type ReportType = (typeof REPORT_TYPES)[number];

/** Where a next step or category comes from: a plan section as printed, or a law. */
export interface Citation {
  /** Plan id (conexus, de-campus, …). */
  doc: string;
  /** Section number as printed ("2.7", "Hoofdstuk 5"), empty when the plan's heading has no number. */
  section: string;
  /** Heading text as printed in the plan. */
  title: string;
}

export interface LegalSource {
  law: string;
  article?: string;
}

/** A validated field value: text, a yes/no toggle, or the ids chosen in a multi-select. */
export type FieldValue = string | boolean | string[];
export type StepValues = Record<string, FieldValue>;

/** Per-field error messages, already in the user's language. */
export type FieldErrors = Record<string, string>;

export interface Reporter {
  /** Teams user id (AAD object id when known). */
  id: string;
  name: string;
}

export type DraftStatus = 'open' | 'submitted' | 'cancelled';

/** A report being filled in; saved after every step so nothing typed is lost. */
export interface Draft {
  id: string;
  userId: string;
  userName: string;
  school: string;
  lang: Lang;
  type?: ReportType;
  /** The step the user is on (a step id from flows.json). */
  stepId: string;
  /** Validated values per step id. */
  answers: Record<string, StepValues>;
  /** Raw values of a step submit that failed validation, kept so the card can show them again. */
  pending?: { stepId: string; values: Record<string, string> };
  /** Set when the user jumped from the review to edit a step: Next returns to the review. */
  returnToReview?: boolean;
  status: DraftStatus;
  reportId?: string;
  /** cardVersion of flows.json when the draft was started. */
  cardVersion: number;
  createdAt: string;
  updatedAt: string;
  /** When the "your draft is about to expire" reminder was sent. */
  reminderSentAt?: string;
}

export type ReportStatus = 'nieuw' | 'in-behandeling' | 'afgerond';

export interface ChronologyEntry {
  at: string;
  by: { id: string; name?: string };
  /**
   * created; a note added; someone opened the report's content (every view is recorded); the case handling
   * (acknowledged, assigned, status changed: `text` holds the new status and the closing note); the alerts
   * (alerted, not reached, escalated, posted to the school's alert channel: `text` holds role and person key, never content).
   */
  kind: ChronologyKind;
  text: string;
}

export const CHRONOLOGY_KINDS = ['created', 'note', 'viewed', 'acknowledged', 'assigned', 'status', 'alerted', 'notReached', 'escalated', 'alertChannel', 'measure', 'taskDone'] as const;
export type ChronologyKind = (typeof CHRONOLOGY_KINDS)[number];

export const MEASURE_KINDS = ['gesprek', 'time-out', 'schorsing', 'verwijdering', 'anders'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export interface Measure {
  kind: MeasureKind;
  /** Days, for a suspension (schorsing). */
  days?: number;
  at: string;
  by: { id: string; name?: string };
}

/**
 * A duty for the school's director: 'wpo40c' — a suspension of more than one day must be reported to the Inspectie
 * van het Onderwijs, and the parents get the decision in writing (Wet op het primair onderwijs, art. 40c).
 */
export interface CaseTask {
  id: string;
  kind: 'wpo40c';
  openedAt: string;
  done?: { at: string; by: { id: string; name?: string } };
}

/** Who is being alerted for a report, why, and what came of it: bookkeeping on the report, no content. */
export interface AlertRecord {
  /** people.json key (lower-case AAD object id). */
  personKey: string;
  name: string;
  role: Role;
  urgency: 'direct' | 'normal';
  /** A rule at filing, an escalation step, or someone assigned the report to her. */
  reason: 'rule' | 'escalation' | 'assigned';
  queuedAt: string;
  /** Set when the Bot Connector accepted the card; with the ids to update the card in place later. */
  delivered?: { at: string; conversationId: string; activityId: string; via: 'chat' | 'newChat' };
  /** Set when a delivery attempt failed (cleared by a later delivery). */
  notReached?: { at: string; attempts: number; final: boolean };
}

export const REPORT_SCHEMA_VERSION = 1;

/** A submitted report. Content is immutable; only the chronology grows. */
export interface Report {
  /** "DNK-2026-0007": school code, calendar year of submission (Europe/Amsterdam), per-school-per-year sequence. */
  id: string;
  schemaVersion: number;
  school: string;
  type: ReportType;
  category?: string;
  /** All validated step values, flattened by field id. */
  fields: StepValues;
  reporter: Reporter;
  lang: Lang;
  /** The draft this report came from: the idempotency key (one draft → at most one report). */
  draftId: string;
  status: ReportStatus;
  /** Starts at 1; every stored change adds one (optimistic concurrency, see store/contract.ts). */
  version: number;
  createdAt: string;
  submittedAt: string;
  chronology: ChronologyEntry[];
  /** The reporter is not in people.json: the school is the one she chose herself. */
  schoolSelfDeclared?: boolean;
  /** The staff member the report is about (never shown to her; board only when she is the director). */
  concerns?: { personKey: string };
  /** Roles the report was alerted or escalated to: they may handle it (src/access/policy.ts). */
  escalatedTo?: Role[];
  /** The reporter marked it "ernstig" (the alert rules' `severe`). */
  severe?: boolean;
  /** Whom Baken alerts, and the outcome per person. */
  alerts?: AlertRecord[];
  /** "Ik pak dit op": who took it up first (stops the escalation). */
  acknowledged?: { at: string; by: { id: string; name?: string } };
  /** Follow-up measures taken (e.g. a suspension of 3 days). */
  measures?: Measure[];
  /** Duties that follow from a measure (WPO art. 40c), reminded until done. */
  tasks?: CaseTask[];
  /** The person handling it, when someone assigned it. */
  assignedTo?: { personKey: string; name: string; at: string; by: { id: string; name?: string } };
}

/** What the store needs to file a report: the report's content, before the store gives it an id. */
export type SubmitInput = Pick<Report, 'draftId' | 'school' | 'type' | 'category' | 'fields' | 'reporter' | 'lang' | 'createdAt'> & Partial<Pick<Report, 'severe' | 'concerns'>>;
