import { randomUUID } from 'crypto';
import {
  INFO_BLOCK_ROLES, noteInputId, renderConfirmationCard, renderDraftCard, renderMessageCard, renderMyReportsCard, renderResumeCard,
  type AdaptiveCardJson, type CardDeps, type ContactView,
} from './cards';
import { applyDraftAction, checkDraftAction, draftFate, markReminded, markSubmitted, parseCardAction, startDraft, type DraftPolicy } from './drafts';
import { ReportProblem } from './errors';
import { getStep, loadFlows, type Flows } from './flows';
import type { ReportStore } from './store/reportStore';
import { reportStrings } from './strings';
import { loadTaxonomy, nextStepsFor, rolesFor, type Taxonomy } from './taxonomy';
import type { Draft, Lang, ReportType } from './types';
import type { Clock } from '../time';

/**
 * The Report capability as the bot edge uses it: user + card data in, one Adaptive Card out.
 * No Teams types: the edge maps the activity to ReportUser and sends the card.
 */

export interface ReportUser {
  /** Teams user id (AAD object id when known). */
  id: string;
  name: string;
  school: string;
  lang: Lang;
}

export interface ReportReply {
  card: AdaptiveCardJson;
  /** Set when this reply confirms a stored report. */
  reportId?: string;
}

export interface ReportServiceDeps {
  store: ReportStore;
  flows?: Flows;
  tax?: Taxonomy;
  clock: Clock;
  newId?: () => string;
  /** The directory's holders of these roles at this school; without it the card lists the roles only. */
  contactsFor?: (school: string, roleIds: string[]) => ContactView[] | Promise<ContactView[]>;
  draftPolicy?: DraftPolicy;
}

export interface ReportService {
  /** "melding maken" / "ik maak me zorgen over een leerling": an open draft is offered first. */
  start(user: ReportUser, type?: ReportType): Promise<ReportReply>;
  /** Any Action.Submit whose data.verb starts with "report.". */
  handleAction(user: ReportUser, value: unknown): Promise<ReportReply>;
  /** "ga verder met je melding". */
  resume(user: ReportUser): Promise<ReportReply>;
  /** "mijn meldingen". */
  myReports(user: ReportUser): Promise<ReportReply>;
  /** For the scheduler: sends nothing itself; returns the drafts to remind (with their card) and those discarded. */
  sweepDrafts(): Promise<{ remind: { draft: Draft; card: AdaptiveCardJson }[]; discarded: Draft[] }>;
}

export function createReportService(deps: ReportServiceDeps): ReportService {
  const flows = deps.flows ?? loadFlows();
  const tax = deps.tax ?? loadTaxonomy();
  const now = (): Date => deps.clock.now();
  const newId = deps.newId ?? randomUUID;
  const { store } = deps;
  const cardDeps = (): CardDeps => ({ flows, tax, now: now() });

  const message = (text: string, lang: Lang): ReportReply => ({ card: renderMessageCard(text, reportStrings(lang).card.title) });
  const openDraftOf = (userId: string) =>
    store.draftsOf(userId).filter((d) => d.status === 'open').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];

  /** The card of the draft's step; info blocks that name roles (meldcode, meldplicht) get the school's people. */
  async function draftCard(draft: Draft, errors: Record<string, string> = {}): Promise<AdaptiveCardJson> {
    const step = getStep(flows, draft.stepId);
    const roles = [...new Set(step.info.flatMap((block) => INFO_BLOCK_ROLES[block] ?? []))];
    const infoContacts = roles.length && deps.contactsFor ? await deps.contactsFor(draft.school, roles) : undefined;
    return renderDraftCard(draft, errors, { ...cardDeps(), infoContacts });
  }

  async function begin(user: ReportUser, type?: ReportType): Promise<ReportReply> {
    const draft = startDraft({ id: newId(), userId: user.id, userName: user.name, school: user.school, lang: user.lang, now: now(), cardVersion: flows.cardVersion, type }, flows);
    await store.saveDraft(draft);
    return { card: await draftCard(draft) };
  }

  async function myReports(user: ReportUser): Promise<ReportReply> {
    return { card: renderMyReportsCard(await store.listByReporter(user.id), user.lang, cardDeps()) };
  }

  async function draftAction(user: ReportUser, value: unknown): Promise<ReportReply> {
    const action = parseCardAction(value);
    switch (action.verb) {
      case 'report.list':
        return myReports(user);
      case 'report.start': {
        const type = tax.types.find((t) => t.id === action.target)?.id;
        return begin(user, type);
      }
      case 'report.addInfo': {
        const id = action.reportId ?? '';
        const note = action.inputs[noteInputId(id)];
        const report = await store.appendChronology(id, user.id, typeof note === 'string' ? note : '', { name: user.name });
        return message(reportStrings(user.lang).card.noteAdded.replace('{id}', report.id), user.lang);
      }
      default:
        break;
    }
    let draft = store.getDraft(action.draftId!);
    if (!draft) {
      // Drafts are pruned some time after submission; the report's draftId index still knows.
      const report = await store.findByDraft(action.draftId!);
      if (report && report.reporter.id === user.id) throw new ReportProblem('alreadySubmitted', { id: report.id });
    }
    checkDraftAction(draft, action, user.id, flows.cardVersion);
    draft = draft!;
    const outcome = applyDraftAction(draft, action, { flows, tax, now: now() });
    switch (outcome.kind) {
      case 'step':
        await store.saveDraft(outcome.draft);
        return { card: await draftCard(outcome.draft) };
      case 'invalid':
        await store.saveDraft(outcome.draft);
        return { card: await draftCard(outcome.draft, outcome.errors) };
      case 'cancelled':
        await store.saveDraft(outcome.draft);
        return message(reportStrings(draft.lang).card.cancelled, draft.lang);
      case 'submit': {
        // Resolves only once the report is durable; only then does the confirmation go out.
        const report = await store.submit(outcome.input);
        await store.saveDraft(markSubmitted(outcome.draft, report.id, now()));
        const roles = rolesFor(nextStepsFor(tax, report.school, report.type, draft.lang, { category: report.category, fields: report.fields }));
        const contacts = deps.contactsFor ? await deps.contactsFor(report.school, roles) : undefined;
        return { card: renderConfirmationCard(report, draft.lang, contacts, cardDeps()), reportId: report.id };
      }
    }
  }

  return {
    async start(user, type) {
      const open = openDraftOf(user.id);
      if (open) return { card: renderResumeCard(open, user.lang, cardDeps()) };
      return begin(user, type);
    },
    async handleAction(user, value) {
      try {
        return await draftAction(user, value);
      } catch (err) {
        if (err instanceof ReportProblem) return message(err.userMessage(user.lang), user.lang);
        throw err;
      }
    },
    async resume(user) {
      const open = openDraftOf(user.id);
      if (!open) return myReports(user);
      return { card: await draftCard(open) };
    },
    myReports,
    async sweepDrafts() {
      const remind: { draft: Draft; card: AdaptiveCardJson }[] = [];
      const discarded: Draft[] = [];
      for (const draft of store.allDrafts()) {
        const fate = draftFate(draft, now(), deps.draftPolicy);
        if (fate === 'remind') {
          const reminded = markReminded(draft, now());
          await store.saveDraft(reminded);
          remind.push({ draft: reminded, card: renderResumeCard(reminded, draft.lang, cardDeps(), true) });
        } else if (fate === 'discard') {
          await store.deleteDraft(draft.id);
          discarded.push(draft);
        }
      }
      return { remind, discarded };
    },
  };
}
