import { z } from 'zod';
import { idString, onCardAction } from './card-actions';
import { replyLang, userKeyOf } from './context';
import type { BotRegistry } from './registry';

const optionalId = z.union([idString, z.literal('')]).optional().transform((v) => v || undefined);

const Feedback = z.object({
  verb: z.literal('feedback'),
  vote: z.enum(['up', 'down']),
  q: z.string().max(1000),
  school: idString,
  doc: optionalId,
  section: optionalId,
  comment: z.string().max(500).optional().transform((v) => v?.trim() || undefined),
});

/** 👍/👎 with an optional comment under an answer, stored with question, school and cited section. */
export function registerFeedback({ app, ctx }: BotRegistry): void {
  onCardAction(app, ctx, 'feedback', Feedback, async (context, _state, data) => {
    const userKey = userKeyOf(context.activity);
    const profile = await ctx.users.get(userKey);
    const lang = replyLang(context.activity, profile);
    // Feedback is filed under the user's own school only, citing a section of that school's plans.
    const school = data.school === profile?.schoolId ? ctx.schoolById(data.school) : undefined;
    const citesKnownSection =
      data.doc && data.section
        ? Boolean(school && ctx.askService.planAppliesTo(data.doc, school.id) && ctx.askService.section(data.doc, data.section))
        : !data.doc && !data.section;
    if (!school || !citesKnownSection) {
      await context.sendActivity(ctx.t(lang, school ? 'errors.unknownSection' : 'errors.unknownSchool'));
      return;
    }
    await ctx.feedback.add({
      userKey,
      schoolId: school.id,
      question: data.q,
      doc: data.doc,
      sectionId: data.section,
      abstained: !data.doc,
      vote: data.vote,
      comment: data.comment,
      lang,
    });
    const card = ctx.cards.render('feedback-thanks', lang, {
      message: ctx.t(lang, data.vote === 'up' ? 'feedback.thanksUp' : 'feedback.thanksDown'),
      commented: Boolean(data.comment),
    });
    await context.sendActivity({ attachments: [card] });
  });
}
