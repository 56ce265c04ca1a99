import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { BotContext } from './context';
import { replyLang, userKeyOf } from './context';

/**
 * Register an Action.Submit handler for `verb` whose data is validated with `schema` first: card data
 * comes from the client and may be stale or tampered with. Invalid data gets a clear message, never a crash.
 */
export function onCardAction<S extends z.ZodTypeAny>(
  app: Application<TurnState>,
  ctx: BotContext,
  verb: string,
  schema: S,
  handler: (context: TurnContext, state: TurnState, data: z.infer<S>) => Promise<void>,
): void {
  app.adaptiveCards.actionSubmit<Record<string, unknown>>(verb, async (context, state, raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      ctx.logger.warn({ verb, issues: parsed.error.issues }, 'invalid card data');
      await replyInvalidAction(context, ctx);
      return;
    }
    await handler(context, state, parsed.data);
  });
}

export async function replyInvalidAction(context: TurnContext, ctx: BotContext): Promise<void> {
  const lang = replyLang(context.activity, await ctx.users.get(userKeyOf(context.activity)));
  await context.sendActivity(ctx.t(lang, 'errors.invalidAction'));
}

/** Short identifier strings from card data: document and section ids, school ids. */
export const idString = z.string().trim().min(1).max(120).regex(/^[\p{L}\p{N}._\- ]+$/u);
