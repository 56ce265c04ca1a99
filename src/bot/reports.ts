import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Lang } from '../i18n';
import { ReportProblem } from '../reports/errors';
import type { ReportReply, ReportService, ReportUser } from '../reports/service';
import type { ReportKnowledge } from '../reports/taxonomy';
import type { Draft, ReportType } from '../reports/types';
import { StoreUnavailableError } from '../store';
import type { Clock } from '../time';
import type { Person, PeopleDirectory } from '../people';
import { replyLang, userKeyOf, type BotContext } from './context';
import type { BotRegistry, Capability } from './registry';
import { isPersonal, sendPersonalOnly } from './privacy';
import type { ProactiveSender } from './proactive';
import { cardDepsFor, renderReportView, type AdaptiveCardJson } from './report-cards';
import { commandMatcher, type Intent, type MessageTurn } from './router';
import { sendSchoolChoice } from './welcome';
import type { Identify } from './identity';

/**
 * The Teams edge of the Report capability (issue 4): text intents ("melding maken", "mijn meldingen", …),
 * every `report.*` Action.Submit, the confirmation after the durable write, and the draft reminders sent
 * proactively. The reporter is always the activity's sender; the school is the one in her stored profile.
 */

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

const LIST_PHRASES = [
  'mijn meldingen', 'meldingen', 'toon mijn meldingen', 'mijn melding', 'overzicht meldingen', 'alle meldingen', 'toon meldingen',
  'my reports', 'show my reports', 'list my reports', 'reports',
];

/** The reports not closed yet: the list with the status filter "open". */
const OPEN_PHRASES = ['open meldingen', 'openstaande meldingen', 'lopende meldingen', 'mijn open meldingen', 'open reports', 'my open reports'];

/** "bekijk melding CMP-2026-0007", "open melding …", "view report …": the id, upper-cased. */
const VIEW_COMMAND = /^(?:bekijk|open|toon|laat)(?: (?:de|mij|me))? melding ([a-z]{2,5} \d{4} \d{4,})(?: zien)?$|^(?:view|show|open) report ([a-z]{2,5} \d{4} \d{4,})$/;
export function viewedReportId(normalized: string): string | undefined {
  const m = VIEW_COMMAND.exec(normalized);
  const id = m?.[1] ?? m?.[2];
  return id ? id.toUpperCase().replace(/ /g, '-') : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The capability.

export interface ReportEdgeDeps {
  service: ReportService;
  /** Flows and taxonomy for the cards (labels, next steps), from KNOWLEDGE_DIR. */
  knowledge: ReportKnowledge;
  clock: Clock;
  /** Who is who (people.json): roles decide which reports she may see. */
  people: Pick<PeopleDirectory, 'staffOf'>;
  /** Who is behind an activity (src/bot/identity.ts). */
  identify: Identify;
}

function attachment(card: AdaptiveCardJson): Partial<Activity> {
  return { attachments: [CardFactory.adaptiveCard(card)] };
}

/** Renders the core's views as cards (the only place the Report capability's cards are made). */
export function reportCards(deps: Pick<ReportEdgeDeps, 'knowledge' | 'clock'> & { people?: Pick<PeopleDirectory, 'staffOf'> }): (reply: ReportReply) => AdaptiveCardJson {
  const cardDeps = cardDepsFor(deps.knowledge, deps.clock, deps.people ? (school) => deps.people!.staffOf(school) : undefined);
  return (reply) => renderReportView(reply, cardDeps());
}

/** Runs one report call; anything unexpected is logged and answered with a clear message (the draft is in the store). */
async function answer(context: TurnContext, ctx: BotContext, render: (reply: ReportReply) => AdaptiveCardJson, lang: Lang, call: () => Promise<ReportReply>): Promise<void> {
  let reply: ReportReply;
  try {
    reply = await call();
  } catch (err) {
    ctx.logger.error({ err, verb: (context.activity.value as { verb?: unknown } | undefined)?.verb }, 'report turn failed');
    const code = err instanceof StoreUnavailableError ? 'storeUnavailable' : 'unexpected';
    await context.sendActivity(attachment(render({ view: { kind: 'problem', code, params: {} }, lang })));
    return;
  }
  // For a submit the view is the confirmation: the service resolved only after the report was durable.
  await context.sendActivity(attachment(render(reply)));
  if (reply.reportId) ctx.logger.info({ reportId: reply.reportId }, 'report stored');
}

/** The reporter: always the activity's sender (people.json by her identity, else staff of the school she chose). */
async function reporterOf(identify: Identify, context: TurnContext, school: string, lang: Lang): Promise<ReportUser> {
  const activity = context.activity;
  const person: Person = (await identify(context, school)) ?? { key: userKeyOf(activity), grants: [], staffSchool: school, selfDeclared: true };
  return { id: userKeyOf(activity), name: activity.from?.name ?? '', school, lang, person };
}

export function reportCapability(deps: ReportEdgeDeps): Capability {
  const { service } = deps;
  const render = reportCards(deps);
  return ({ app, ctx, router }: BotRegistry) => {
    // The personal chat's conversation reference (for reminders and alerts) is stored by app.ts on every personal turn.
    const intent = (name: string, matches: (turn: MessageTurn) => boolean, run: (user: ReportUser, turn: MessageTurn) => Promise<ReportReply>): Intent => ({
      name,
      personalOnly: true,
      matches,
      async handle(turn) {
        const user = await reporterOf(deps.identify, turn.context, turn.school!.id, turn.lang);
        await answer(turn.context, ctx, render, turn.lang, () => run(user, turn));
      },
    });

    for (const { type, phrases } of START_PHRASES) {
      router.add(intent(`report.start${type ? `.${type}` : ''}`, commandMatcher(phrases), (user) => service.start(user, type)), 10);
    }
    router.add(intent('report.resume', commandMatcher(RESUME_PHRASES), (user) => service.resume(user)), 10);
    router.add(intent('report.list', commandMatcher(LIST_PHRASES), (user) => service.myReports(user)), 10);
    router.add(intent('report.list.open', commandMatcher(OPEN_PHRASES), (user) => service.myReports(user, 1, { status: 'open' })), 10);
    router.add(
      intent('report.view', (turn) => viewedReportId(turn.normalized) !== undefined, (user, turn) => service.viewReport(user, viewedReportId(turn.normalized)!)),
      10,
    );

    // Every report.* verb, known or not: the service validates the data and refuses unknown verbs clearly.
    app.adaptiveCards.actionSubmit<Record<string, unknown>>(/^report\./, async (context, _state, data) => {
      const activity = context.activity;
      const userKey = userKeyOf(activity);
      const profile = await ctx.users.get(userKey);
      const lang = replyLang(activity, profile);
      // Card data is user input: a report card submitted in a group or channel is answered with the pointer only.
      if (!isPersonal(activity)) {
        await sendPersonalOnly(context, ctx, lang);
        return;
      }
      const school = profile?.schoolId ? ctx.schoolById(profile.schoolId) : undefined;
      if (!school) {
        await sendSchoolChoice(context, ctx, lang, new ReportProblem('needSchool').userMessage(lang));
        return;
      }
      const user = await reporterOf(deps.identify, context, school.id, lang);
      await answer(context, ctx, render, lang, () => service.handleAction(user, data));
    });
  };
}

// ---------------------------------------------------------------------------------------------------------
// Draft reminders: the outbox worker's reminder jobs deliver the resume card through the proactive sender.

export function reminderDelivery(deps: Pick<ReportEdgeDeps, 'knowledge' | 'clock'>, sender: ProactiveSender): (draft: Draft) => Promise<void> {
  const render = reportCards(deps);
  return async (draft) => {
    await sender.toUser(draft.userId, attachment(render({ view: { kind: 'resume', draft, reminder: true }, lang: draft.lang })));
  };
}
