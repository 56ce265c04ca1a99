import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ANSWER_RETENTION_DAYS } from '../store/feedback';
import { replyLang, userKeyOf } from './context';
import type { BotContext } from './context';
import type { BotRegistry } from './registry';

/** The comment typed in Teams' "what did you like / dislike?" box is cut here. */
const MAX_COMMENT = 500;

/**
 * What Teams sends when someone rates a message with its own 👍/👎 (a `message/submitAction` invoke, actionName
 * "feedback"): the reaction, and `feedback` as a JSON string (`{"feedbackText":"…"}`, possibly empty) or object.
 */
const Rating = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({
    reaction: z.enum(['like', 'dislike']),
    feedback: z.union([z.string(), z.record(z.unknown())]).optional(),
  }),
  replyToId: z.string().min(1).max(200),
});

/**
 * The conversation an answer and its rating are filed under. In a Teams channel the id of a thread is the channel's
 * id plus ";messageid=…"; message ids are unique in the whole channel, so the thread part is dropped on both sides
 * (a rating's invoke need not name the thread the way the question's turn did).
 */
export function ratingConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

/** The optional text of a rating: `feedbackText` of the JSON Teams sends, trimmed and cut; undefined when empty. */
export function ratingComment(feedback: string | Record<string, unknown> | undefined): string | undefined {
  let value: unknown = feedback;
  if (typeof feedback === 'string') {
    try {
      value = JSON.parse(feedback);
    } catch {
      value = { feedbackText: feedback };
    }
  }
  const text = value && typeof value === 'object' ? (value as { feedbackText?: unknown }).feedbackText : undefined;
  const trimmed = typeof text === 'string' ? text.trim().slice(0, MAX_COMMENT) : '';
  return trimmed || undefined;
}

/**
 * Teams' own feedback loop under every answer message (answer-reply.ts sets `feedbackLoopEnabled`). The rating
 * names only the rated message; the answer record ask.ts stored when sending it says who asked what and which
 * section was cited. Only the person who asked may rate her answer: anyone else, or a message Baken does not know
 * (any more), gets one clear refusal and nothing is stored. teams-ai answers the invoke with 200 after the handler.
 */
export function registerFeedback({ app, ctx }: BotRegistry): void {
  app.feedbackLoop(async (context, _state, raw) => {
    const parsed = Rating.safeParse(raw);
    if (!parsed.success) {
      // The shape only: the rating's text is user input.
      ctx.logger.warn({ issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'invalid feedback loop data');
      await refuse(context, ctx, 'errors.invalidAction');
      return;
    }
    const { actionValue, replyToId } = parsed.data;
    const conversationId = context.activity.conversation?.id;
    const answer = conversationId ? await ctx.feedback.answer(ratingConversationId(conversationId), replyToId) : undefined;
    // The actor comes from the activity Teams sent (verified by the adapter), never from the rating's data.
    if (!answer || answer.userKey !== userKeyOf(context.activity)) {
      ctx.logger.info({ conversation: conversationId, known: Boolean(answer) }, 'rating refused: not the asker\'s own answer, or unknown');
      await refuse(context, ctx, 'errors.cannotRate');
      return;
    }
    const { candidate } = await ctx.feedback.rate(answer, actionValue.reaction === 'like' ? 'up' : 'down', ratingComment(actionValue.feedback));
    ctx.logger.info({ vote: actionValue.reaction, cited: Boolean(answer.doc), candidate: candidate?.id }, 'answer rated');
  });
}

async function refuse(context: TurnContext, ctx: BotContext, key: string): Promise<void> {
  const lang = replyLang(context.activity, await ctx.users.get(userKeyOf(context.activity)));
  await context.sendActivity(ctx.t(lang, key, { days: String(ANSWER_RETENTION_DAYS) }));
}
