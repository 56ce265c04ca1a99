import { CardFactory, TurnContext, type Activity } from 'botbuilder';
import type { AdaptiveCard } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AccessContext } from '../access/policy';
import { escalate, statusMessageJob, type EscalationPayload, type Holder, type StatusEvent } from '../alerts';
import { createCaseHandling, refreshJobs, TASK_REMINDERS, taskReminderJob, type CaseAction } from '../alerts/handling';
import { alertCardView } from '../alerts/views';
import { DeliveryError, type OutboxHandler } from '../outbox/worker';
import type { Person, PeopleDirectory } from '../people';
import type { Role } from '../people/schema';
import { ReportProblem } from '../reports/errors';
import type { ReportService } from '../reports/service';
import { rt } from '../reports/strings';
import type { ReportKnowledge } from '../reports/taxonomy';
import { MEASURE_KINDS, type AlertRecord, type Lang, type Report } from '../reports/types';
import type { Repositories, Store } from '../store';
import type { Clock } from '../time';
import { replyLang, userKeyOf, type BotContext } from './context';
import { isPersonal } from './privacy';
import { rememberConversation, type ProactiveSender } from './proactive';
import type { Identify } from './identity';
import type { BotRegistry, Capability } from './registry';
import { cardDepsFor, renderAlertCard, renderMessageCard, renderReportView, renderTaskCard } from './report-cards';

/**
 * The Teams edge of alerts (issue 9): the outbox handlers that send, refresh and escalate the content-free alert
 * card and tell the reporter how her report is doing, and the alert card's Action.Execute verbs (acknowledge,
 * status, assign, note, view). The core decides (src/alerts); this file only turns its data into Teams activities.
 */

export const ALERT_CHANNEL_JOB = 'alerts.channel';
/** Where a school's alert channel is kept (conversation references, next to the personal ones). */
export const alertChannelKey = (school: string): string => `alert-channel:${school}`;

export interface AlertEdgeDeps {
  store: Store;
  sender: ProactiveSender;
  knowledge: ReportKnowledge;
  clock: Clock;
  people: Pick<PeopleDirectory, 'resolve' | 'holdersOf' | 'index' | 'staffOf'>;
  access: AccessContext;
}

const holdersOf = (deps: AlertEdgeDeps) => (role: Role, school: string): Holder[] => deps.people.holdersOf(role, school);
const personByKey = (deps: AlertEdgeDeps, key: string): Person => deps.people.resolve({ aadObjectId: key });
const langOf = async (store: Store, key: string): Promise<Lang> => ((await store.profiles.get(key))?.lang === 'en' ? 'en' : 'nl');

/** The alert card as `personKey` sees it now (her own buttons), as an activity. */
function alertActivity(deps: AlertEdgeDeps, report: Report, record: AlertRecord, lang: Lang, viewer: Person | undefined, channel = false): Partial<Activity> {
  const view = alertCardView(report, viewer, record, { access: deps.access, holdersOf: holdersOf(deps) });
  const { card, summary } = renderAlertCard(view, lang, cardDepsFor(deps.knowledge, deps.clock)(), channel);
  return { summary, attachments: [CardFactory.adaptiveCard(card)] };
}

/** A read-modify-write of a report inside the caller's unit of work (the row locked on PostgreSQL, serialised on lowdb). */
async function onReport(tx: Repositories, id: string, change: (report: Report) => Report | undefined): Promise<void> {
  const report = await tx.reports.get(id);
  if (!report) return;
  const next = change(report);
  if (next) await tx.reports.update({ ...next, version: report.version + 1 });
}

const recordLine = (r: Pick<AlertRecord, 'role' | 'name'>): string => `${r.role}|${r.name}`;

/**
 * Delivers one alert job: the alert card into the person's personal chat (opened from her AAD id when Baken has no
 * chat with her yet). Delivery is recorded on the report in the unit of work that completes the job. A failed
 * attempt is recorded too; the first failure of a direct alert also posts the card to the school's alert channel and
 * tells the reporter who has not been reached. The worker retries (backoff, Retry-After) and dead-letters the rest.
 */
export function alertDelivery(deps: AlertEdgeDeps): OutboxHandler {
  return async (job) => {
    const { reportId, personKey, aadObjectId } = job.payload as { reportId: string; personKey: string; aadObjectId: string };
    const report = await deps.store.reports.get(reportId);
    const record = report?.alerts?.find((a) => a.personKey === personKey);
    if (!report || !record) return {};
    const lang = await langOf(deps.store, aadObjectId);
    const activity = alertActivity(deps, report, record, lang, personByKey(deps, personKey));
    let delivered;
    try {
      delivered = await deps.sender.toUser(aadObjectId, activity, { aadObjectId, fromKey: report.reporter.id });
    } catch (err) {
      await notReached(deps, report, record, job.attempts, job.attempts >= job.maxAttempts || (err instanceof DeliveryError && !err.retryable));
      throw err;
    }
    return {
      afterDone: (tx) =>
        onReport(tx, reportId, (r) => {
          const at = deps.clock.now().toISOString();
          const first = !r.alerts?.find((a) => a.personKey === personKey)?.delivered;
          return {
            ...r,
            alerts: (r.alerts ?? []).map((a) => (a.personKey === personKey ? { ...withoutNotReached(a), delivered: { at, ...delivered } } : a)),
            chronology: first ? [...r.chronology, { at, by: { id: 'baken' }, kind: 'alerted' as const, text: recordLine(record) }] : r.chronology,
          };
        }),
    };
  };
}

function withoutNotReached(a: AlertRecord): AlertRecord {
  const { notReached: _gone, ...rest } = a;
  return rest;
}

async function notReached(deps: AlertEdgeDeps, report: Report, record: AlertRecord, attempts: number, final: boolean): Promise<void> {
  const at = deps.clock.now().toISOString();
  const firstTime = !record.notReached && !record.delivered;
  await deps.store.transaction(async (tx) => {
    await onReport(tx, report.id, (r) => ({
      ...r,
      alerts: (r.alerts ?? []).map((a) => (a.personKey === record.personKey ? { ...a, notReached: { at, attempts, final } } : a)),
      chronology: firstTime ? [...r.chronology, { at, by: { id: 'baken' }, kind: 'notReached' as const, text: recordLine(record) }] : r.chronology,
    }));
    if (firstTime && record.urgency === 'direct') {
      // Never silent: the school's alert channel gets the content-free card, the reporter hears who is not reached yet.
      await tx.outbox.enqueue({ kind: ALERT_CHANNEL_JOB, key: `alert-channel:${report.id}:${record.personKey}`, payload: { reportId: report.id, personKey: record.personKey }, dueAt: at, maxAttempts: 10 }, at);
      await tx.outbox.enqueue(statusMessageJob(report.id, 'notReached', at, record.role, `:${record.personKey}`), at);
    }
  });
}

/** Posts the content-free card to the school's alert channel (set by an admin) when a direct alert did not arrive. */
export function alertChannelDelivery(deps: AlertEdgeDeps): OutboxHandler {
  return async (job) => {
    const { reportId, personKey } = job.payload as { reportId: string; personKey: string };
    const report = await deps.store.reports.get(reportId);
    const record = report?.alerts?.find((a) => a.personKey === personKey);
    if (!report || !record || record.delivered || report.acknowledged) return {};
    const channel = await deps.store.conversations.get(alertChannelKey(report.school));
    if (!channel) throw new DeliveryError(`no alert channel set for school ${report.school}`, false);
    await deps.sender.toConversation(channel, alertActivity(deps, report, record, 'nl', undefined, true));
    return {
      afterDone: (tx) =>
        onReport(tx, reportId, (r) => ({ ...r, chronology: [...r.chronology, { at: deps.clock.now().toISOString(), by: { id: 'baken' }, kind: 'alertChannel' as const, text: recordLine(record) }] })),
    };
  };
}

/** Replaces one recipient's copy of the alert card with the report's current state (her buttons). */
export function cardRefresh(deps: AlertEdgeDeps): OutboxHandler {
  return async (job) => {
    const { reportId, personKey } = job.payload as { reportId: string; personKey: string };
    const report = await deps.store.reports.get(reportId);
    const record = report?.alerts?.find((a) => a.personKey === personKey);
    if (!report || !record?.delivered) return {};
    const lang = await langOf(deps.store, personKey);
    await deps.sender.update(personKey, record.delivered, alertActivity(deps, report, record, lang, personByKey(deps, personKey)));
    return {};
  };
}

/** Tells the reporter, in a short content-free line, that her report was picked up, closed, or not yet delivered. */
export function statusMessageDelivery(deps: AlertEdgeDeps): OutboxHandler {
  return async (job) => {
    const { reportId, event, role } = job.payload as { reportId: string; event: StatusEvent; role?: Role };
    const report = await deps.store.reports.get(reportId);
    if (!report) return {};
    const lang = report.lang;
    const roleText = role ? rt(lang, `personRoles.${role}`) : '';
    // Picked up in the meantime: the "nobody picked it up" message would be wrong.
    if (event === 'notPickedUp' && report.acknowledged) return {};
    const key = event === 'notReached' || event === 'notPickedUp' ? `statusMessages.${event}` : `statusMessages.${event}${role ? '' : 'NoRole'}`;
    await deps.sender.toUser(report.reporter.id, { type: 'message', text: rt(lang, key, { id: report.id, role: roleText }) });
    return {};
  };
}

/**
 * Reminds the school's director(s) of an open task (WPO art. 40c after a suspension of more than a day) with the task
 * card, daily until it is done (TASK_REMINDERS times at most). When the report concerns the director: the board.
 */
export function taskReminder(deps: AlertEdgeDeps): OutboxHandler {
  return async (job) => {
    const { reportId, taskId, n } = job.payload as { reportId: string; taskId: string; n: number };
    const report = await deps.store.reports.get(reportId);
    const task = report?.tasks?.find((t) => t.id === taskId);
    if (!report || !task || task.done) return {};
    const directors = deps.people.holdersOf('directeur', report.school).filter((h) => h.key !== report.concerns?.personKey);
    const to = directors.length && !report.concerns ? directors : deps.people.holdersOf('bestuur', report.school);
    const cardDeps = cardDepsFor(deps.knowledge, deps.clock)();
    for (const person of to) {
      const lang = await langOf(deps.store, person.key);
      const { card, summary } = renderTaskCard(report, taskId, lang, cardDeps);
      await deps.sender.toUser(person.aadObjectId ?? person.key, { summary, attachments: [CardFactory.adaptiveCard(card)] }, { aadObjectId: person.aadObjectId ?? person.key, fromKey: report.reporter.id });
    }
    return {
      afterDone: async (tx) => {
        if (n + 1 < TASK_REMINDERS) await tx.outbox.enqueue(taskReminderJob(reportId, taskId, n + 1, new Date(deps.clock.now().getTime() + 24 * 3_600_000).toISOString()), deps.clock.now().toISOString());
      },
    };
  };
}

/** An escalation step when it is due (core: src/alerts escalate), with the card refreshes it causes. */
export function escalationHandler(deps: AlertEdgeDeps): OutboxHandler {
  return async (job) => {
    const at = deps.clock.now().toISOString();
    await deps.store.transaction((tx) => escalate(tx, job.payload as unknown as EscalationPayload, { holdersOf: holdersOf(deps) }, at, (r) => refreshJobs(r, at)));
    return {};
  };
}

// ---------------------------------------------------------------------------------------------------------
// The alert card's actions (Action.Execute): the card that comes back replaces the actor's copy; the others are
// refreshed through the outbox.

const reportId = z.string().trim().min(1).max(40);
const ActionData = z.object({
  reportId,
  status: z.enum(['in-behandeling', 'afgerond']).optional(),
  closingNote: z.string().max(4000).optional(),
  assignee: z.string().trim().max(200).optional(),
  note: z.string().max(4000).optional(),
  measure: z.enum(MEASURE_KINDS).optional(),
  // Input.Number arrives as a string (or a number); anything else is refused by the handling (1–5 days).
  days: z.union([z.string().max(10), z.number()]).optional().transform((v) => (v === undefined || v === '' ? undefined : Number(v))),
  taskId: z.string().trim().max(20).optional(),
});

const ALERT_VERBS = ['alert.acknowledge', 'alert.status', 'alert.assign', 'alert.note', 'alert.measure', 'alert.taskDone', 'alert.view'] as const;
type AlertVerb = (typeof ALERT_VERBS)[number];

function caseAction(verb: AlertVerb, data: z.infer<typeof ActionData>): CaseAction | undefined {
  switch (verb) {
    case 'alert.acknowledge':
      return { kind: 'acknowledge' };
    case 'alert.status':
      return data.status ? { kind: 'status', status: data.status, note: data.closingNote } : undefined;
    case 'alert.assign':
      return data.assignee ? { kind: 'assign', personKey: data.assignee } : undefined;
    case 'alert.note':
      return { kind: 'note', text: data.note ?? '' };
    case 'alert.measure':
      return data.measure ? { kind: 'measure', measure: data.measure, ...(data.days !== undefined && !Number.isNaN(data.days) ? { days: data.days } : {}) } : undefined;
    case 'alert.taskDone':
      return data.taskId ? { kind: 'taskDone', taskId: data.taskId } : undefined;
    default:
      return undefined;
  }
}

export interface AlertCapabilityDeps extends AlertEdgeDeps {
  reports: ReportService;
  identify: Identify;
  /** A case action queued messages (card refreshes, the reporter's status): the outbox worker runs soon. */
  onQueued?: () => void;
}

export function alertCapability(deps: AlertCapabilityDeps): Capability {
  const handling = createCaseHandling({ store: deps.store, clock: deps.clock, access: deps.access, holdersOf: holdersOf(deps) });
  const cardDeps = cardDepsFor(deps.knowledge, deps.clock, (school) => deps.people.staffOf(school));
  // teams-ai's AdaptiveCard type is a plain JSON card with `type`; ours are template expansions of the same JSON.
  const message = (text: string): AdaptiveCard => renderMessageCard(text) as unknown as AdaptiveCard;

  return ({ app, ctx, router }: BotRegistry) => {
    const actorOf = (context: TurnContext): Promise<Person | undefined> => deps.identify(context);

    // Someone people.json lists by UPN alone is alerted under that key (holdersOf): her personal chat, known under her
    // AAD id, is remembered under it too once she is recognised.
    app.turn('beforeTurn', async (context) => {
      if (!isPersonal(context.activity)) return true;
      const person = await actorOf(context).catch(() => undefined);
      for (const alias of person?.aliases ?? []) {
        await rememberConversation(deps.store.conversations, alias, context.activity).catch((err: unknown) =>
          ctx.logger.warn({ err }, 'could not store the conversation reference'),
        );
      }
      return true;
    });

    /** The actor's copy of the card after her action: her record when she was alerted, else a channel-style copy. */
    const cardFor = async (report: Report, actor: Person | undefined, lang: Lang, channel: boolean): Promise<AdaptiveCard> => {
      const record = report.alerts?.find((a) => a.personKey === actor?.key) ?? report.alerts?.[0] ?? { role: 'directeur' as Role, urgency: 'direct' as const };
      const activity = alertActivity(deps, report, record as AlertRecord, lang, actor, channel);
      return activity.attachments![0].content as AdaptiveCard;
    };

    for (const verb of ALERT_VERBS) {
      app.adaptiveCards.actionExecute<Record<string, unknown>>(verb, async (context, _state, raw): Promise<AdaptiveCard> => {
        const lang = replyLang(context.activity, await ctx.users.get(userKeyOf(context.activity)));
        const parsed = ActionData.safeParse(raw);
        if (!parsed.success) return message(rt(lang, 'problems.invalidAction'));
        const actor = await actorOf(context);
        const channel = !isPersonal(context.activity);
        if (!actor) return message(rt(lang, 'problems.reportNotFound'));
        try {
          if (verb === 'alert.view') {
            const user = { id: actor.key, name: context.activity.from?.name ?? '', school: actor.staffSchool ?? '', lang, person: actor };
            const reply = await deps.reports.viewReport(user, parsed.data.reportId);
            if (reply.view.kind !== 'detail') return message(rt(lang, 'problems.reportNotFound'));
            const detail = { attachments: [CardFactory.adaptiveCard(renderReportView(reply, cardDeps()))] };
            // The content only ever goes to her personal chat, never into a channel or group card.
            if (channel) {
              try {
                await deps.sender.toUser(actor.key, detail);
              } catch {
                return message(rt(lang, 'card.alertViewNoChat', { id: reply.view.report.id }));
              }
            } else await context.sendActivity(detail);
            const report = (await deps.store.reports.get(parsed.data.reportId))!;
            return cardFor(report, actor, lang, channel);
          }
          const action = caseAction(verb, parsed.data);
          if (!action) return message(rt(lang, 'problems.invalidAction'));
          const { report, changed } = await handling.act({ ...actor, name: actor.name || context.activity.from?.name }, parsed.data.reportId, action);
          if (changed) deps.onQueued?.();
          // "Gedaan" on the task card: the task card comes back, marked done.
          if (action.kind === 'taskDone' && !report.alerts?.some((a) => a.personKey === actor.key)) {
            return renderTaskCard(report, action.taskId, lang, cardDeps()).card as unknown as AdaptiveCard;
          }
          return cardFor(report, actor, lang, channel);
        } catch (err) {
          if (err instanceof ReportProblem) return message(err.userMessage(lang));
          ctx.logger.error({ err, verb }, 'alert action failed');
          return message(rt(lang, 'problems.unexpected'));
        }
      });
    }

    // "alertkanaal instellen [school]" in a team channel: the admin names the channel that gets alerts nobody received.
    router.add(
      {
        name: 'alerts.setChannel',
        personalOnly: false,
        needsSchool: false,
        matches: (turn) => SET_CHANNEL.test(turn.normalized),
        async handle(turn) {
          const lang = turn.lang;
          const activity = turn.context.activity;
          const actor = await actorOf(turn.context);
          const admin = actor?.grants.filter((g) => g.role === 'admin') ?? [];
          if (!admin.length) {
            await turn.context.sendActivity(rt(lang, 'alertChannel.notAdmin'));
            return;
          }
          if (activity.conversation?.conversationType !== 'channel') {
            await turn.context.sendActivity(rt(lang, 'alertChannel.onlyInChannel'));
            return;
          }
          const named = SET_CHANNEL.exec(turn.normalized)?.[3];
          const covered = [...new Set(admin.flatMap((g) => (g.school ? [g.school] : g.board ? [...deps.people.index.schoolsOfBoard(g.board)] : ctx.schools.map((s) => s.id))))];
          // Commands are normalised (hyphens become spaces): "alertkanaal instellen de campus".
          const school = named ? covered.find((id) => id.replace(/-/g, ' ') === named) : covered.length === 1 ? covered[0] : undefined;
          if (!school) {
            await turn.context.sendActivity(rt(lang, 'alertChannel.whichSchool', { schools: covered.join(', ') }));
            return;
          }
          const ref = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>;
          await deps.store.conversations.put(alertChannelKey(school), ref);
          ctx.logger.info({ school }, 'alert channel set');
          await turn.context.sendActivity(rt(lang, 'alertChannel.set', { school: ctx.schoolById(school)?.name ?? school }));
        },
      },
      20,
    );
  };
}

/** "alertkanaal instellen", "alertkanaal instellen de campus", "alert channel set de campus". */
const SET_CHANNEL = /^(alertkanaal|alert channel) (instellen|set)(?: (.+))?$/;
