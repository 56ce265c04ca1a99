import { ActivityTypes, CardFactory } from 'botbuilder';
import { renderContactCard } from '../directory';
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
      // A who-question the directory answered gets its contact card above the answer's own card.
      const extraCards = answer.who && !answer.abstained ? [CardFactory.adaptiveCard(renderContactCard(answer.who))] : [];
      await turn.context.sendActivity(buildAnswerReply(ctx, { question: turn.text, school, answer, extraCards }));
      // The reply language is a preference: remember it after answering, never make the answer wait for a disk write.
      if (turn.profile?.lang !== answer.lang) {
        ctx.users.set(turn.userKey, { lang: answer.lang }).catch((err: unknown) => ctx.logger.warn({ err }, 'could not store the reply language'));
      }
    },
    matches: () => true,
  };
}
