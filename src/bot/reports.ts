import * as path from 'path';
import { CardFactory, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { DirectoryService } from '../directory';
import type { Lang } from '../i18n';
import { renderMessageCard, type AdaptiveCardJson } from '../reports/cards';
import { contactsFromDirectory } from '../reports/contacts';
import { ReportProblem } from '../reports/errors';
import { createReportService, type ReportReply, type ReportService, type ReportUser } from '../reports/service';
import { openReportStore, type ReportStore, type ReportStoreOptions } from '../reports/store/reportStore';
import { reportStrings } from '../reports/strings';
import type { ReportType } from '../reports/types';
import type { Clock } from '../time';
import type { DataStore, StoreCell } from '../store';
import { replyLang, userKeyOf, type BotContext } from './context';
import type { BotRegistry, Capability } from './registry';
import { commandMatcher, type Intent, type MessageTurn } from './router';
import { sendSchoolChoice } from './welcome';

/**
 * The Teams edge of the Report capability (issue 4): text intents ("melding maken", "mijn meldingen", …),
 * every `report.*` Action.Submit, the confirmation after the durable write, and the draft reminders sent
 * proactively. The reporter is always the activity's sender; the school is the one in her stored profile.
 */

/** Where the report store lives: `<DATA_FILE without .json>.d/reports` (docs/operations.md). */
export function reportsDirFor(dataFile: string): string {
  return path.join(`${dataFile.replace(/\.json$/i, '')}.d`, 'reports');
}

// ---------------------------------------------------------------------------------------------------------
// Intents. Each needs an explicit command form: "ongeval melden" starts a report, "wat moet ik doen bij een
// ongeval?" stays a question for the plans (commandMatcher matches the whole message, not a word in it).

type StartPhrases = { type?: ReportType; phrases: string[] };

/** "X melden", "een X melden", "X doorgeven" for each wording of X. */
const reportVerbs = (nouns: string[]): string[] =>
  nouns.flatMap((n) => [`${n} melden`, `een ${n} melden`, `${n} doorgeven`, `een ${n} doorgeven`, `${n} rapporteren`]);

const START_PHRASES: StartPhrases[] = [
  {
    phrases: [
      'melding', 'melding maken', 'een melding maken', 'melding doen', 'een melding doen', 'nieuwe melding', 'een nieuwe melding',
      'melden', 'incident melden', 'een incident melden', 'incident registreren', 'een incident registreren', 'incident doorgeven',
      'report', 'report an incident', 'report incident', 'file a report', 'new report', 'make a report', 'create a report',
    ],
  },
  {
    type: 'zorg-thuissituatie',
    phrases: [
      'ik maak me zorgen over een leerling', 'ik maak mij zorgen over een leerling', 'zorgen over een leerling', 'zorg over een leerling',
      'zorgen over thuis', 'zorg over thuis', 'zorgen over de thuissituatie', 'zorg over de thuissituatie', 'zorg over thuissituatie',
      'zorgen over thuissituatie', 'meldcode melding', 'melding meldcode', ...reportVerbs(['zorg', 'zorgen', 'vermoeden van huiselijk geweld', 'vermoeden van kindermishandeling']),
      'i am worried about a pupil', 'im worried about a pupil', 'worried about a pupil', 'concern about a pupil', 'report a concern', 'report a concern about a pupil',
    ],
  },
  {
    type: 'vermoeden-zedendelict',
    phrases: [
      'zedendelict', 'vermoeden zedendelict', 'vermoeden van een zedendelict', ...reportVerbs(['zedendelict', 'vermoeden van een zedendelict', 'vermoeden zedendelict']),
      'grensoverschrijdend door een collega', 'grensoverschrijdend gedrag door een collega', 'grensoverschrijdend gedrag door een collega melden',
      'grensoverschrijdend gedrag van een collega melden', 'seksueel grensoverschrijdend gedrag door een collega melden',
      'report a sexual offence by a colleague', 'report sexual misconduct by a colleague', 'report a suspected sexual offence',
    ],
  },
  {
    type: 'ongeval',
    phrases: [...reportVerbs(['ongeval', 'ongeluk', 'bedrijfsongeval']), 'report an accident', 'report accident'],
  },
  {
    type: 'agressie-personeel',
    phrases: [
      'agressie tegen personeel', ...reportVerbs(['agressie tegen personeel', 'agressie', 'agressie van een ouder', 'agressie tegen een collega', 'agressie tegen mij']),
      'report aggression against staff', 'report aggression',
    ],
  },
];

const RESUME_PHRASES = [
  'ga verder met je melding', 'ga verder met mijn melding', 'ga verder met de melding', 'verder met mijn melding', 'verder met melding',
  'melding hervatten', 'melding afmaken', 'mijn melding afmaken', 'ga verder', 'concept melding', 'mijn concept',
  'continue my report', 'resume my report', 'continue report', 'resume report', 'finish my report',
];

const LIST_PHRASES = ['mijn meldingen', 'meldingen', 'toon mijn meldingen', 'mijn melding', 'overzicht meldingen', 'my reports', 'show my reports', 'list my reports'];

// ---------------------------------------------------------------------------------------------------------
// Conversation references, for the proactive draft reminders. Kept in the main data file, per user key.

type StoredReference = Partial<ConversationReference>;

export class ReportConversations {
  private readonly cell: StoreCell<Record<string, StoredReference>>;

  constructor(store: DataStore) {
    this.cell = store.collection<Record<string, StoredReference>>('reportConversations', () => ({}));
  }

  get(userKey: string): StoredReference | undefined {
    const all = this.cell.read();
    return Object.prototype.hasOwnProperty.call(all, userKey) ? all[userKey] : undefined;
  }

  /** Remembers where this user talks to Baken; writes only when it changed (one write per new chat). */
  async remember(userKey: string, activity: Partial<Activity>): Promise<void> {
    const ref = TurnContext.getConversationReference(activity);
    const known = this.get(userKey);
    if (known && known.serviceUrl === ref.serviceUrl && known.conversation?.id === ref.conversation?.id) return;
    await this.cell.update((all) => {
      all[userKey] = JSON.parse(JSON.stringify(ref)) as StoredReference;
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The capability.

export interface ReportEdgeDeps {
  service: ReportService;
  conversations: ReportConversations;
}

function attachment(card: AdaptiveCardJson): Partial<Activity> {
  return { attachments: [CardFactory.adaptiveCard(card)] };
}

function problemCard(code: 'unexpected' | 'needSchool', lang: Lang): AdaptiveCardJson {
  return renderMessageCard(new ReportProblem(code).userMessage(lang), reportStrings(lang).card.title);
}

/** Runs one report call; anything unexpected is logged and answered with a clear message (the draft is in the store). */
async function answer(context: TurnContext, ctx: BotContext, lang: Lang, call: () => Promise<ReportReply>): Promise<void> {
  let reply: ReportReply;
  try {
    reply = await call();
  } catch (err) {
    ctx.logger.error({ err, verb: (context.activity.value as { verb?: unknown } | undefined)?.verb }, 'report turn failed');
    await context.sendActivity(attachment(problemCard('unexpected', lang)));
    return;
  }
  // For a submit, reply.card is the confirmation: the service resolved only after the report was durable.
  await context.sendActivity(attachment(reply.card));
  if (reply.reportId) ctx.logger.info({ reportId: reply.reportId }, 'report stored');
}

/** The reporter: always the activity's sender, never something the card says. */
function reporterOf(activity: Partial<Activity>, school: string, lang: Lang): ReportUser {
  return { id: userKeyOf(activity), name: activity.from?.name ?? '', school, lang };
}

export function reportCapability({ service, conversations }: ReportEdgeDeps): Capability {
  return ({ app, ctx, router }: BotRegistry) => {
    const remember = (userKey: string, activity: Partial<Activity>) =>
      conversations.remember(userKey, activity).catch((err: unknown) => ctx.logger.warn({ err }, 'could not store the conversation reference'));

    const intent = (name: string, phrases: string[], run: (user: ReportUser, turn: MessageTurn) => Promise<ReportReply>, rememberChat = false): Intent => ({
      name,
      matches: commandMatcher(phrases),
      async handle(turn) {
        const user = reporterOf(turn.context.activity, turn.school!.id, turn.lang);
        if (rememberChat) await remember(turn.userKey, turn.context.activity);
        await answer(turn.context, ctx, turn.lang, () => run(user, turn));
      },
    });

    for (const { type, phrases } of START_PHRASES) {
      router.add(intent(`report.start${type ? `.${type}` : ''}`, phrases, (user) => service.start(user, type), true), 10);
    }
    router.add(intent('report.resume', RESUME_PHRASES, (user) => service.resume(user), true), 10);
    router.add(intent('report.list', LIST_PHRASES, (user) => service.myReports(user)), 10);

    // Every report.* verb, known or not: the service validates the data and refuses unknown verbs clearly.
    app.adaptiveCards.actionSubmit<Record<string, unknown>>(/^report\./, async (context, _state, data) => {
      const activity = context.activity;
      const userKey = userKeyOf(activity);
      const profile = ctx.users.get(userKey);
      const lang = replyLang(activity, profile);
      const school = profile?.schoolId ? ctx.schoolById(profile.schoolId) : undefined;
      if (!school) {
        await sendSchoolChoice(context, ctx, lang, new ReportProblem('needSchool').userMessage(lang));
        return;
      }
      if (data.verb === 'report.start' || data.verb === 'report.resume') await remember(userKey, activity);
      await answer(context, ctx, lang, () => service.handleAction(reporterOf(activity, school.id, lang), data));
    });
  };
}

// ---------------------------------------------------------------------------------------------------------
// Draft reminders: a timer calls sweepDrafts() and sends each reminder card into the user's chat.

export interface DraftReminderOptions {
  service: ReportService;
  conversations: ReportConversations;
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** The bot's app id ('' in unauthenticated local mode). */
  botAppId: string;
  logger: Logger;
  intervalMs: number;
}

export interface SweepOutcome {
  reminded: number;
  failed: number;
  discarded: number;
}

export interface DraftReminders {
  /** One sweep now (the timer calls this); never rejects. */
  sweep(): Promise<SweepOutcome>;
  stop(): void;
}

export function startDraftReminders(options: DraftReminderOptions): DraftReminders {
  const { service, conversations, adapter, botAppId, logger } = options;
  let running: Promise<SweepOutcome> | null = null;

  async function sweepOnce(): Promise<SweepOutcome> {
    const outcome: SweepOutcome = { reminded: 0, failed: 0, discarded: 0 };
    let result: Awaited<ReturnType<ReportService['sweepDrafts']>>;
    try {
      result = await service.sweepDrafts();
    } catch (err) {
      logger.error({ err }, 'draft sweep failed');
      return outcome;
    }
    outcome.discarded = result.discarded.length;
    for (const { draft, card } of result.remind) {
      const ref = conversations.get(draft.userId);
      if (!ref?.serviceUrl || !ref.conversation) {
        outcome.failed++;
        logger.warn({ draftId: draft.id }, 'no conversation to send the draft reminder to');
        continue;
      }
      try {
        await adapter.continueConversationAsync(botAppId, ref, async (context) => {
          await context.sendActivity(attachment(card));
        });
        outcome.reminded++;
      } catch (err) {
        outcome.failed++;
        logger.warn({ err, draftId: draft.id }, 'could not send the draft reminder');
      }
    }
    if (outcome.reminded || outcome.failed || outcome.discarded) logger.info(outcome, 'draft sweep');
    return outcome;
  }

  const sweep = (): Promise<SweepOutcome> => {
    // A slow sweep is never overlapped by the next tick.
    running ??= sweepOnce().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void sweep(), options.intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}

// ---------------------------------------------------------------------------------------------------------
// Composition: what src/index.ts (and the tests) call.

export interface OpenReportsOptions {
  dataFile: string;
  dataStore: DataStore;
  logger: Logger;
  directory: Pick<DirectoryService, 'rolesForSchool'>;
  storeOptions?: ReportStoreOptions;
  clock: Clock;
}

export interface Reports {
  store: ReportStore;
  service: ReportService;
  conversations: ReportConversations;
  capability: Capability;
  /** Starts the reminder timer (stopped by close()). */
  startReminders(adapter: DraftReminderOptions['adapter'], botAppId: string, intervalMs: number): DraftReminders;
  /** Stops the reminders and closes the report store (waits for pending writes). */
  close(): Promise<void>;
}

export async function openReports(options: OpenReportsOptions): Promise<Reports> {
  const store = await openReportStore(reportsDirFor(options.dataFile), { ...options.storeOptions, clock: options.clock });
  const service = createReportService({ store, contactsFor: contactsFromDirectory(options.directory), clock: options.clock });
  const conversations = new ReportConversations(options.dataStore);
  let reminders: DraftReminders | undefined;
  return {
    store,
    service,
    conversations,
    capability: reportCapability({ service, conversations }),
    startReminders(adapter, botAppId, intervalMs) {
      reminders?.stop();
      reminders = startDraftReminders({ service, conversations, adapter, botAppId, logger: options.logger, intervalMs });
      return reminders;
    },
    async close() {
      reminders?.stop();
      await store.close();
    },
  };
}
