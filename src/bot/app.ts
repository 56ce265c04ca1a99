import type { TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { Config } from '../config';
import { isPersonal, sendPersonalOnly } from './privacy';
import { rememberConversation } from './proactive';
import { StateStorage } from './state-storage';
import { createAdapter } from './adapter';
import { askIntent } from './ask';
import { BotContext, BotDeps, createBotContext, userKeyOf } from './context';
import { registerFeedback } from './feedback';
import { registerHelp } from './help';
import { registerMessages } from './messages';
import type { BotRegistry, Capability } from './registry';
import { MessageRouter } from './router';
import { registerSection } from './section';
import { registerWelcome, sendSchoolChoice } from './welcome';

export interface BotOptions {
  /** Bot Framework credentials; absent = unauthenticated local mode. */
  auth?: Config['bot'];
  /** Later capabilities (who-questions, reports, alerts): each adds intents and card verbs. */
  capabilities?: Capability[];
}

export interface Bot extends BotRegistry {
  adapter: TeamsAdapter;
  /** Run one turn (what POST /api/messages calls for every activity). */
  run(context: TurnContext): Promise<void>;
}

/**
 * teams-ai 1.7.4 reads `startTypingTimer` into its options but `run` starts the timer on every message turn anyway:
 * one timer shared by all concurrent turns of the Application, an extra send hook on the turn and a 1 s setTimeout
 * set and cleared per message. Baken turns it off (the ask intent sends its own typing activity, see ask.ts); this
 * makes the option mean what it says.
 */
class BakenApplication extends Application<TurnState> {
  override startTypingTimer(context: TurnContext): void {
    if (this.options.startTypingTimer) super.startTypingTimer(context);
  }
}

/** Longer texts are not questions; they are not kept. */
const MAX_PENDING_QUESTION = 1000;

/** Build the teams-ai Application with every surface registered; conversation state lives in the store. */
export function createBot(deps: BotDeps, options: BotOptions = {}): Bot {
  const ctx: BotContext = createBotContext(deps);
  const adapter = createAdapter(options.auth, ctx);
  const app = new BakenApplication({
    adapter,
    botAppId: options.auth?.appId ?? '',
    storage: new StateStorage(deps.store.botState),
    // teams-ai's timer is shared by all turns of the Application and fires only after 1 s; the ask
    // intent sends its own typing activity instead.
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
  });
  const router: MessageRouter = new MessageRouter(askIntent(ctx), async (turn) => {
    // A question asked before choosing a school is kept (server-side) and answered right after the choice.
    if (router.select(turn).name === 'ask' && turn.text) {
      await ctx.users.set(turn.userKey, { pendingQuestion: turn.text.slice(0, MAX_PENDING_QUESTION) });
    }
    await sendSchoolChoice(turn.context, ctx, turn.lang, ctx.t(turn.lang, 'welcome.needSchool'));
  }, (turn) => sendPersonalOnly(turn.context, ctx, turn.lang));
  // Where each person talks to Baken privately, for what Baken sends on its own (reminders, alerts): captured on
  // install and on every personal-chat turn (written only when it changed).
  app.turn('beforeTurn', async (context) => {
    if (isPersonal(context.activity)) {
      await rememberConversation(deps.store.conversations, userKeyOf(context.activity), context.activity).catch((err: unknown) =>
        ctx.logger.warn({ err }, 'could not store the conversation reference'),
      );
    }
    return true;
  });
  const registry: BotRegistry = { app, ctx, router };
  registerWelcome(registry);
  registerHelp(registry);
  registerSection(registry);
  registerFeedback(registry);
  for (const capability of options.capabilities ?? []) capability(registry);
  registerMessages(registry);
  return {
    ...registry,
    adapter,
    run: async (context) => {
      await app.run(context);
    },
  };
}
