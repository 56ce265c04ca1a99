import { randomUUID } from 'crypto';
import { applyDraftAction, checkDraftAction, markSubmitted, parseCardAction, startDraft } from './drafts';
import { ReportProblem } from './errors';
import { getStep } from './flows';
import { reminderJobKey } from './reminders';
import { nextStepsFor, rolesFor, type ReportKnowledge } from './taxonomy';
import { REPORT_TYPES, type Draft, type FieldErrors, type Lang, type Report, type ReportType, type SubmitInput } from './types';
import { INFO_BLOCK_ROLES, LIST_PERIODS, LIST_STATUSES, NOTE_MAX_LENGTH, noteInputId, type ContactView, type ListFilter, type ReportReply, type ReportView } from './views';
import { schoolYearAt } from '../time/school-year';
import { authorize, authorizeList, type Action, type ListContext } from '../access/policy';
import { alertJob, alertRecords, escalationJobs, type AlertOutcome, type AlertSubject } from '../alerts';
import type { Person } from '../people';
import { retryOnConflict, type Store } from '../store/contract';
import { schoolClock, type Clock } from '../time';

/**
 * The Report capability as the bot edge uses it: user + card data in, one view (data) out.
 * No Teams types and no cards: the edge maps the activity to ReportUser and renders the view.
 */

export interface ReportUser {
  /** Teams user id (AAD object id when known). */
  id: string;
  name: string;
  school: string;
  lang: Lang;
  /** Who she is (people.json) and what she may see; without it she is staff of `school`, school self-declared. */
  person?: Person;
}

export interface ReportServiceDeps {
  store: Store;
  knowledge: ReportKnowledge;
  clock: Clock;
  newId?: () => string;
  /** The directory's holders of these roles at this school; without it the card lists the roles only. */
  contactsFor?: (school: string, roleIds: string[]) => ContactView[] | Promise<ContactView[]>;
  /** School ↔ board lookups and the school's directors, for the one access policy (src/access). */
  access: ListContext;
  /** The school's role holders (people.json) a report can be about (a staffMember field). */
  staffOf?: (school: string) => { key: string; name: string }[];
  /** Called after a unit of work queued something due now (alerts): the outbox worker runs soon. */
  onQueued?: () => void;
  /** Who is alerted for a filed report (src/alerts); without it nobody is. */
  alerts?: (report: AlertSubject) => AlertOutcome;
}

export interface ReportService {
  /** "melding maken" / "ik maak me zorgen over een leerling": an open draft is offered first. */
  start(user: ReportUser, type?: ReportType): Promise<ReportReply>;
  /** Any Action.Submit whose data.verb starts with "report.". */
  handleAction(user: ReportUser, value: unknown): Promise<ReportReply>;
  /** "ga verder met je melding". */
  resume(user: ReportUser): Promise<ReportReply>;
  /** "mijn meldingen" / "meldingen": every report she may see (her own, and what her roles show her), paged. */
  myReports(user: ReportUser, page?: number, filter?: ListFilter): Promise<ReportReply>;
  /** "bekijk melding X": the content after authorize; refused and not found look the same; the view is recorded. */
  viewReport(user: ReportUser, id: string): Promise<ReportReply>;
}

export type { ReportReply, ReportView };

const PAGE_SIZE = 10;
/** How many of the newest reports per source a list looks at (a school's year is far fewer). */
const LIST_WINDOW = 2000;

/** The list filter from card data (user input): unknown values are ignored, never trusted. */
export function listFilterOf(inputs: Record<string, unknown>): ListFilter {
  const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined => (typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined);
  const status = pick(inputs.filterStatus, LIST_STATUSES);
  const type = pick(inputs.filterType, REPORT_TYPES);
  const period = pick(inputs.filterPeriod, LIST_PERIODS);
  return { ...(status ? { status } : {}), ...(type ? { type } : {}), ...(period ? { period } : {}) };
}


export function createReportService(deps: ReportServiceDeps): ReportService {
  const { flows, tax, schools } = deps.knowledge;
  const codeOf = new Map(schools.map((s) => [s.id, s.code]));
  const now = (): Date => deps.clock.now();
  const newId = deps.newId ?? randomUUID;
  const { store } = deps;
  const reply = (view: ReportView, lang: Lang, reportId?: string): ReportReply => ({ view, lang, ...(reportId ? { reportId } : {}) });
  const openDraftOf = async (userId: string): Promise<Draft | undefined> =>
    (await store.drafts.listByUser(userId)).filter((d) => d.status === 'open').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];

  /** The draft's step; info blocks that name roles (meldcode, meldplicht) get the school's people. */
  async function draftView(draft: Draft, errors: FieldErrors = {}): Promise<ReportReply> {
    const step = getStep(flows, draft.stepId);
    const roles = [...new Set(step.info.flatMap((block) => INFO_BLOCK_ROLES[block] ?? []))];
    const infoContacts = roles.length && deps.contactsFor ? await deps.contactsFor(draft.school, roles) : undefined;
    return reply({ kind: 'draft', draft, errors, ...(infoContacts ? { infoContacts } : {}) }, draft.lang);
  }

  async function begin(user: ReportUser, type?: ReportType): Promise<ReportReply> {
    const draft = startDraft({ id: newId(), userId: user.id, userName: user.name, school: user.school, lang: user.lang, now: now(), cardVersion: flows.cardVersion, type }, flows);
    await store.drafts.save(draft);
    return draftView(draft);
  }

  const personOf = (user: ReportUser): Person => user.person ?? { key: user.id, grants: [], staffSchool: user.school, selfDeclared: true };
  const may = (user: ReportUser, action: Action, report: Report): boolean => authorize(personOf(user), action, report, deps.access);

  /** The period's first instant: the last 7 or 31 days, or since 1 August of the running school year (Amsterdam). */
  const periodStart = (period: ListFilter['period']): string | undefined => {
    if (!period) return undefined;
    if (period === 'schooljaar') return schoolYearAt(now()).fromInstant;
    return new Date(now().getTime() - (period === 'week' ? 7 : 31) * 24 * 3_600_000).toISOString();
  };
  const matchesFilter = (r: Report, filter: ListFilter, since: string | undefined): boolean =>
    (!filter.status || (filter.status === 'open' ? r.status !== 'afgerond' : r.status === filter.status)) &&
    (!filter.type || r.type === filter.type) &&
    (!since || r.submittedAt >= since);

  async function myReports(user: ReportUser, page = 1, filter: ListFilter = {}): Promise<ReportReply> {
    const person = personOf(user);
    const scope = authorizeList(person, deps.access);
    const schools = [...new Set(scope.clauses.flatMap((c) => ('schools' in c ? [...c.schools] : [])))];
    // Her own reports, plus the reports of the schools her roles cover; the policy decides each one.
    const own = (await store.reports.list({ reporterId: user.id, limit: LIST_WINDOW })).reports;
    const others = schools.length ? (await store.reports.list({ schools, limit: LIST_WINDOW })).reports : [];
    const seen = new Set<string>();
    const since = periodStart(filter.period);
    const visible = [...own, ...others]
      .filter((r) => !seen.has(r.id) && seen.add(r.id) && may(user, 'list', r) && matchesFilter(r, filter, since))
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.id.localeCompare(a.id));
    const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
    const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
    const reports = visible.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
    // "Mijn meldingen" when she sees nothing beyond her own by her roles.
    const mine = scope.clauses.every((c) => c.match === 'reporter');
    const types = tax.types.map((t) => t.id);
    return reply({ kind: 'list', reports, mine, page: current, pages, total: visible.length, canAddInfo: reports.filter((r) => may(user, 'addInfo', r)).map((r) => r.id), filter, types }, user.lang);
  }

  async function viewReport(user: ReportUser, id: string): Promise<ReportReply> {
    const found = await store.reports.get(id);
    if (!found || !may(user, 'view', found)) throw new ReportProblem('reportNotFound');
    // Every view of a report's content is written to its append-only chronology: who and when.
    const viewed = await retryOnConflict(async () => {
      const report = (await store.reports.get(id))!;
      const entry = { at: now().toISOString(), by: { id: user.id, ...(user.name ? { name: user.name } : {}) }, kind: 'viewed' as const, text: '' };
      return store.reports.update({ ...report, version: report.version + 1, chronology: [...report.chronology, entry] });
    });
    return reply({ kind: 'detail', report: viewed, canAddInfo: may(user, 'addInfo', viewed) }, user.lang);
  }

  /** The reporter adds to her own report's chronology; someone else's report looks exactly like a missing one. */
  async function addInfo(user: ReportUser, reportId: string, note: string): Promise<Report> {
    const text = note.trim();
    if (!text) throw new ReportProblem('noteEmpty');
    if (text.length > NOTE_MAX_LENGTH) throw new ReportProblem('noteTooLong', { max: NOTE_MAX_LENGTH });
    return retryOnConflict(async () => {
      const report = await store.reports.get(reportId);
      if (!report || !may(user, 'addInfo', report)) throw new ReportProblem('reportNotFound');
      const entry = { at: now().toISOString(), by: { id: user.id, ...(user.name ? { name: user.name } : {}) }, kind: 'note' as const, text };
      return store.reports.update({ ...report, version: report.version + 1, chronology: [...report.chronology, entry] });
    });
  }

  /** `selfDeclared`: the reporter is not in people.json, so the school is her own choice; the report says so. */
  async function submit(draft: Draft, input: SubmitInput, selfDeclared: boolean): Promise<{ report: Report; alerts?: AlertOutcome }> {
    const code = codeOf.get(input.school);
    if (!code) throw new Error(`unknown school ${input.school}`);
    const at = now();
    const iso = at.toISOString();
    // Who is alerted is decided before the report is written, so the report carries its alert bookkeeping from the start.
    const alerts = deps.alerts?.(input);
    // One unit of work: the report, the draft marked submitted, its pending reminder cancelled, its alerts and escalation.
    return store.transaction(async (tx) => {
      const report = await tx.reports.create({
        ...input, code, year: schoolClock(at).year, schemaVersion: 1, status: 'nieuw', submittedAt: iso,
        ...(selfDeclared ? { schoolSelfDeclared: true } : {}),
        ...(alerts?.recipients.length ? { alerts: alertRecords(alerts, iso), escalatedTo: [...new Set(alerts.recipients.map((r) => r.role))] } : {}),
        chronology: [{ at: iso, by: { id: input.reporter.id, name: input.reporter.name }, kind: 'created', text: '' }],
      });
      await tx.drafts.save(markSubmitted(draft, report.id, at));
      await tx.outbox.cancel(reminderJobKey(draft), iso);
      // The alerts are part of filing: written in the same unit of work, sent by the outbox worker.
      for (const recipient of alerts?.recipients ?? []) await tx.outbox.enqueue(alertJob(report, recipient, iso), iso);
      for (const job of escalationJobs(report, alerts?.escalation ?? [])) await tx.outbox.enqueue(job, iso);
      return { report, ...(alerts ? { alerts } : {}) };
    }).then((filed) => {
      if (filed.alerts?.recipients.length) deps.onQueued?.();
      return filed;
    });
  }

  async function draftAction(user: ReportUser, value: unknown): Promise<ReportReply> {
    const action = parseCardAction(value);
    switch (action.verb) {
      case 'report.list':
        return myReports(user, action.page, listFilterOf(action.inputs));
      case 'report.view':
        return viewReport(user, action.reportId ?? '');
      case 'report.start': {
        const type = tax.types.find((t) => t.id === action.target)?.id;
        return begin(user, type);
      }
      case 'report.addInfo': {
        const id = action.reportId ?? '';
        const note = action.inputs[noteInputId(id)];
        const report = await addInfo(user, id, typeof note === 'string' ? note : '');
        return reply({ kind: 'notice', notice: 'noteAdded', params: { id: report.id } }, user.lang);
      }
      default:
        break;
    }
    let draft = await store.drafts.get(action.draftId!);
    if (!draft) {
      // Drafts are pruned some time after submission; the report's draftId index still knows.
      const report = await store.reports.findByDraft(action.draftId!);
      if (report && report.reporter.id === user.id) throw new ReportProblem('alreadySubmitted', { id: report.id });
    }
    checkDraftAction(draft, action, user.id, flows.cardVersion);
    draft = draft!;
    const outcome = applyDraftAction(draft, action, { flows, tax, now: now(), staffOf: deps.staffOf });
    switch (outcome.kind) {
      case 'step':
        await store.drafts.save(outcome.draft);
        return draftView(outcome.draft);
      case 'invalid':
        await store.drafts.save(outcome.draft);
        return draftView(outcome.draft, outcome.errors);
      case 'cancelled':
        await store.drafts.save(outcome.draft);
        return reply({ kind: 'notice', notice: 'cancelled', params: {} }, draft.lang);
      case 'submit': {
        // Resolves only once the report is durable; only then does the confirmation go out.
        const { report, alerts } = await submit(outcome.draft, outcome.input, personOf(user).selfDeclared);
        const roles = rolesFor(nextStepsFor(tax, report.school, report.type, draft.lang, { category: report.category, fields: report.fields }));
        const contacts = deps.contactsFor ? await deps.contactsFor(report.school, roles) : undefined;
        return reply({ kind: 'confirmation', report, ...(contacts ? { contacts } : {}), ...(alerts ? { alerts } : {}) }, draft.lang, report.id);
      }
    }
  }

  /** A refusal the user should read (stale card, not found, …) becomes the problem view; anything else is thrown. */
  async function answerProblems(user: ReportUser, work: () => Promise<ReportReply>): Promise<ReportReply> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof ReportProblem) return reply({ kind: 'problem', code: err.code, params: err.params }, user.lang);
      throw err;
    }
  }

  return {
    async start(user, type) {
      const open = await openDraftOf(user.id);
      if (open) return reply({ kind: 'resume', draft: open, reminder: false }, user.lang);
      return begin(user, type);
    },
    handleAction: (user, value) => answerProblems(user, () => draftAction(user, value)),
    async resume(user) {
      const open = await openDraftOf(user.id);
      if (!open) return myReports(user);
      return draftView(open);
    },
    myReports,
    viewReport: (user, id) => answerProblems(user, () => viewReport(user, id)),
  };
}
