import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Lang } from '../i18n';
import { renderMessageCard, type AdaptiveCardJson } from '../reports/cards';
import { ReportProblem } from '../reports/errors';
import type { ReportReply, ReportService, ReportUser } from '../reports/service';
import { reportStrings } from '../reports/strings';
import type { Draft, ReportType } from '../reports/types';
import type { ConversationRepository } from '../store';
import { replyLang, userKeyOf, type BotContext } from './context';
import type { BotRegistry, Capability } from './registry';
import { rememberConversation, type ProactiveSender } from './proactive';
import { commandMatcher, type Intent, type MessageTurn } from './router';
import { sendSchoolChoice } from './welcome';

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

const LIST_PHRASES = ['mijn meldingen', 'meldingen', 'toon mijn meldingen', 'mijn melding', 'overzicht meldingen', 'my reports', 'show my reports', 'list my reports'];

// ---------------------------------------------------------------------------------------------------------
// The capability.

export interface ReportEdgeDeps {
  service: ReportService;
  conversations: ConversationRepository;
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
      rememberConversation(conversations, userKey, activity).catch((err: unknown) => ctx.logger.warn({ err }, 'could not store the conversation reference'));

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
      const profile = await ctx.users.get(userKey);
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
// Draft reminders: the outbox worker's reminder jobs deliver the resume card through the proactive sender.

export function reminderDelivery(service: ReportService, sender: ProactiveSender): (draft: Draft) => Promise<void> {
  return (draft) => sender.toUser(draft.userId, attachment(service.reminderCard(draft)));
}
