import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotContext } from './context';
import type { MessageRouter } from './router';

/**
 * What a surface or a later capability gets to plug itself in: card verbs via `onCardAction(app, ctx, …)`,
 * text intents via `router.add(intent, priority)`, other activity routes on `app`.
 */
export interface BotRegistry {
  app: Application<TurnState>;
  ctx: BotContext;
  router: MessageRouter;
}

/** A capability's registration function, passed to createBot. */
export type Capability = (registry: BotRegistry) => void;
