import { type Activity, ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { AskReply } from '../ask/service';
import type { School } from '../knowledge/types';
import type { UserProfile } from '../store';
import { renderContactCard } from './contact-card';
import type { Intent } from './router';
import type { BotContext } from './context';
import { buildAnswerReply, citedSection } from './answer-reply';
import { ratingConversationId } from './feedback';

/** As botbuilder's ShowTypingMiddleware waits by default before its first typing indicator. */
export const TYPING_AFTER_MS = 500;

/** Answers one question from the school's plans (or the directory) in the chat: typing, answer, cards. */
export async function answerQuestion(
  ctx: BotContext,
  context: TurnContext,
  user: { userKey: string; profile: UserProfile | undefined },
  school: School,
  question: string,
): Promise<void> {
  // Shown while we look, when looking takes a while: an answer ready within TYPING_AFTER_MS comes without it (a typing
  // indicator the answer replaces at once shows nothing, and costs a connector round trip per question). Sent, the
  // reply waits for it: Teams only shows typing that arrives before the reply.
  let typing: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    typing = context.sendActivity({ type: ActivityTypes.Typing });
    // Its failure is raised by the `await typing` below; this only keeps it from counting as unhandled meanwhile.
    typing.catch(() => undefined);
  }, TYPING_AFTER_MS);
  let reply: Partial<Activity>;
  let answer: AskReply;
  try {
    // In the bot, the Ask worker thread answers (src/ask/remote.ts): the question goes to it at once, and this event
    // loop serves other turns meanwhile.
    answer = await ctx.askService.ask(school.id, question);
    // A who-question the directory answered gets its contact card above the answer's own card.
    const extraCards = answer.who && !answer.abstained ? [CardFactory.adaptiveCard(renderContactCard(answer.who))] : [];
    reply = buildAnswerReply(ctx, { answer, extraCards });
  } finally {
    clearTimeout(timer);
    await typing;
  }
  const sent = await context.sendActivity(reply);
  // Remembered server-side, so that Teams' 👍/👎 under this message (which names only the message) can be tied
  // to who asked what and which section was cited. The answer is already on its way; a failure here only
  // means this answer cannot be rated. The turn does not wait for the durable write (an fsync or a database
  // round trip): the write is begun now, before the turn ends, and a rating of this message waits for it
  // (FeedbackLog.answer), so a rating can never miss its record.
  const cited = citedSection(answer);
  const conversationId = context.activity.conversation?.id && ratingConversationId(context.activity.conversation.id);
  if (sent?.id && conversationId) {
    void ctx.feedback
      .recordAnswer({
        conversationId,
        activityId: sent.id,
        userKey: user.userKey,
        schoolId: school.id,
        question,
        ...(cited ? { doc: cited.doc, sectionId: cited.sectionId } : {}),
        abstained: answer.abstained,
        lang: answer.lang,
      })
      .catch((err: unknown) => ctx.logger.warn({ err }, 'could not remember the answer for its rating'));
  }
  // The reply language is a preference: remember it after answering, never make the answer wait for a disk write.
  if (user.profile?.lang !== answer.lang) {
    ctx.users.set(user.userKey, { lang: answer.lang }).catch((err: unknown) => ctx.logger.warn({ err }, 'could not store the reply language'));
  }
}

/** The fallback intent: every message no other intent takes is a question for the school's plans. */
export function askIntent(ctx: BotContext): Intent {
  return {
    name: 'ask',
    handle: (turn) => answerQuestion(ctx, turn.context, turn, turn.school!, turn.text),
    matches: () => true,
  };
}
