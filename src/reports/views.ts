import type { AlertOutcome } from '../alerts';
import type { ProblemCode } from './errors';
import type { InfoBlock } from './flows';
import type { Draft, FieldErrors, Lang, Report, ReportType } from './types';

/**
 * What the Report capability answers, as data: the Teams edge turns each view into its card
 * (src/bot/report-cards.ts). No card JSON here.
 */

/** Contact data from the directory, filled in by the caller (the directory is another capability). */
export interface ContactView {
  roleId: string;
  name?: string;
  /** The plan's description of who holds the role when it names nobody ("collega uit team O&K"). */
  description?: string;
  email?: string;
  phone?: string;
}

export type ReportView =
  /** The step the draft is on (the review when it is the review step), with errors under their fields. */
  | { kind: 'draft'; draft: Draft; errors: FieldErrors; infoContacts?: ContactView[] }
  /** "You have an unfinished report" (or, proactively, the reminder): resume or discard. */
  | { kind: 'resume'; draft: Draft; reminder: boolean }
  /** "Mijn meldingen" / "meldingen": what the person may see, newest first, filtered; `mine` when only her own. */
  | { kind: 'list'; reports: Report[]; mine: boolean; page: number; pages: number; total: number; canAddInfo: string[]; filter: ListFilter; types: ReportType[] }
  /** One report's content and chronology, shown only after authorize (and recorded in the chronology). */
  | { kind: 'detail'; report: Report; canAddInfo: boolean }
  /** Sent only after the report is durable; `alerts`: whom Baken is alerting now, and roles it cannot reach. */
  | { kind: 'confirmation'; report: Report; contacts?: ContactView[]; alerts?: AlertOutcome }
  | { kind: 'notice'; notice: 'cancelled' | 'noteAdded'; params: Record<string, string> }
  | { kind: 'problem'; code: ProblemCode; params: Record<string, string | number> };

/** "meldingen" filters: open (not closed) or one status, one report type, a period up to now. */
export const LIST_STATUSES = ['open', 'nieuw', 'in-behandeling', 'afgerond'] as const;
export const LIST_PERIODS = ['week', 'maand', 'schooljaar'] as const;
export interface ListFilter {
  status?: (typeof LIST_STATUSES)[number];
  type?: ReportType;
  period?: (typeof LIST_PERIODS)[number];
}

export interface ReportReply {
  view: ReportView;
  lang: Lang;
  /** Set when this reply confirms a stored report. */
  reportId?: string;
}

/** Roles an info block names on the step card: the meldcode's aandachtsfunctionaris/IB, the meldplicht's board. */
export const INFO_BLOCK_ROLES: Partial<Record<InfoBlock, string[]>> = {
  meldcode: ['aandachtsfunctionaris', 'intern-begeleider'],
  meldplicht: ['bestuur'],
};

export const NOTE_MAX_LENGTH = 2000;
export const noteInputId = (reportId: string): string => `note:${reportId}`;
