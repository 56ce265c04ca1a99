import { ActivityTypes } from 'botbuilder';
import type { Intent } from './router';
import type { BotContext } from './context';
import { buildAnswerReply } from './answer-reply';

/** The fallback intent: every message no other intent takes is a question for the school's plans. */
export function askIntent(ctx: BotContext): Intent {
  return {
    name: 'ask',
    async handle(turn) {
      const school = turn.school!;
      // Shown while we look; retrieval is fast, but Teams only shows typing that arrives before the reply.
      await turn.context.sendActivity({ type: ActivityTypes.Typing });
      const answer = ctx.askService.ask(school.id, turn.text);
      if (turn.profile?.lang !== answer.lang) await ctx.users.set(turn.userKey, { lang: answer.lang });
      const extraCards = ctx.answerCards?.(answer) ?? [];
      await turn.context.sendActivity(buildAnswerReply(ctx, { question: turn.text, school, answer, extraCards }));
    },
    matches: () => true,
  };
}
